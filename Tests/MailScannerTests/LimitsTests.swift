import Testing

@testable import MailScanner

/// Caps hold whatever the input: the value says what was left out, memory stays bounded.
@Suite struct LimitsTests {
    @Test func byteLimitTruncatesAndKeepsWhatCameBefore() {
        let body = String(repeating: "marketing text line\n", count: 10_000)
        let raw = Array("Subject: big\n\n\(body)".utf8)
        let message = MessageScanner.scan(raw, limits: ScanLimits(maxScannedBytes: 4096))
        #expect(message.flags.truncated)
        #expect(message.scannedBytes == 4096)
        #expect(message.subject == "big")
        #expect(message.textParts[0].text.hasPrefix("marketing text line\n"))
        #expect(message.textParts[0].text.utf8.count < 4096)
    }

    @Test func defaultLimitIsTwoMebibytes() {
        #expect(ScanLimits().maxScannedBytes == 2 * 1024 * 1024)
    }

    @Test func partCountIsCapped() {
        var raw = "Content-Type: multipart/mixed; boundary=b\n\n"
        for index in 0..<2000 { raw += "--b\nContent-Type: text/plain\n\npart \(index)\n" }
        let message = MessageScanner.scan(Array(raw.utf8), limits: ScanLimits(maxParts: 50))
        #expect(message.textParts.count == 49)
        #expect(message.flags.limitsReached)
    }

    @Test func nestingDepthIsCapped() {
        var raw = ""
        for depth in 0..<500 { raw += "Content-Type: multipart/mixed; boundary=b\(depth)\n\n--b\(depth)\n" }
        raw += "Content-Type: text/plain\n\ndeep\n"
        let message = MessageScanner.scan(Array(raw.utf8), limits: ScanLimits(maxDepth: 10))
        #expect(message.textParts.isEmpty)
        #expect(message.flags.limitsReached)
    }

    @Test func headerCountAndSizeAreCapped() {
        var raw = ""
        for index in 0..<300 { raw += "X-Header-\(index): value\n" }
        raw += "Subject: " + String(repeating: "s", count: 100_000) + "\n\nbody\n"
        let message = MessageScanner.scan(Array(raw.utf8), limits: ScanLimits(maxHeaders: 100, maxHeaderBytes: 1000))
        #expect(message.headers.count == 100)
        #expect(message.flags.limitsReached)
        #expect(message.headers.allSatisfy { $0.rawValue.utf8.count <= 1000 })
    }

    @Test func textPartIsCappedButScanGoesOn() {
        let raw =
            "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n\(String(repeating: "x", count: 5000))\n"
            + "--b\nContent-Type: application/zip\n\nzip\n--b--\n"
        let message = MessageScanner.scan(Array(raw.utf8), limits: ScanLimits(maxTextPartBytes: 100))
        #expect(message.textParts[0].text.utf8.count == 100)
        #expect(message.attachments.map(\.contentType) == ["application/zip"])
        #expect(message.flags.truncated)
    }

    @Test func overlongLinesAreNotBoundaries() {
        let long = "--b" + String(repeating: " ", count: 20_000)
        let raw = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n\(long)\nstill first\n--b--\n"
        let message = MessageScanner.scan(Array(raw.utf8))
        #expect(message.textParts.count == 1)
        #expect(message.textParts[0].text.hasSuffix("still first"))
    }
}
