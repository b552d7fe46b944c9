import Foundation
import Testing

@testable import MailScanner

/// A body line longer than the parser's line cap, followed at once by a boundary: the boundary must
/// be found however the chunks fall. (Regression, fuzz finding: when the chunk that took the line over
/// the cap also held its line end, the parser stayed in pass-through mode and read the boundary and the
/// next part as data, for some chunk sizes only.)
@Suite struct OverlongLineChunkingTests {
    static func message(lineLength: Int) -> [UInt8] {
        let long = String(repeating: "a", count: lineLength)
        let text = """
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            \(long)
            --b
            Content-Type: image/jpeg; name=after.jpg
            Content-Transfer-Encoding: base64

            /9j/4AAQ
            --b--

            """
        return Array(text.utf8)
    }

    @Test(arguments: [MIMEStreamParser.maxLineBytes + 2, MIMEStreamParser.maxLineBytes + 49, 12_000])
    func theBoundaryAfterAnOverlongLineIsFoundInEveryChunking(lineLength: Int) {
        let bytes = Self.message(lineLength: lineLength)
        let whole = MessageScanner.scan(bytes)
        #expect(whole.attachments.map(\.filename) == ["after.jpg"])
        for size in Array(1...3) + Array(60...80) + [127, 128, 4096, 8192, 8193, 8194] {
            let split = ChunkingInvarianceTests.scan(bytes, chunkSize: size)
            #expect(split == whole, "chunk size \(size)")
            if split != whole { break }
        }
    }

    /// The same with CRLF line ends, where the CR before the line end is held back.
    @Test func crlfLineEnds() {
        let bytes = Array(
            String(decoding: Self.message(lineLength: 8_250), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: "\r\n").utf8
        )
        let whole = MessageScanner.scan(bytes)
        #expect(whole.attachments.count == 1)
        for size in 60...80 {
            #expect(ChunkingInvarianceTests.scan(bytes, chunkSize: size) == whole, "chunk size \(size)")
        }
    }
}
