import Testing

@testable import MailScanner

/// Headers given as the bytes the MTA sent (the milter path) scan exactly like the same message
/// read raw from a file, 8-bit bytes included: nothing is replaced on the way in.
@Suite struct MilterHeaderBytesTests {
    static let fields: [(String, [UInt8])] = [
        ("From", Array("Caf".utf8) + [0xE9] + Array(" <news@cafe.example>".utf8)),
        ("Subject", Array("Men".utf8) + [0xFC] + Array(" der Woche: 20 % Rabatt".utf8)),
        ("X-Message-Category", Array("service".utf8)),
        ("Content-Type", Array("text/plain; charset=iso-8859-1".utf8)),
    ]
    static let body = Array("Gr".utf8) + [0xFC] + Array("\u{DF}e aus dem Caf".utf8) + [0xE9] + Array("\r\n".utf8)

    @Test func headerBytesScanLikeTheRawMessage() {
        var raw: [UInt8] = []
        for (name, value) in Self.fields {
            raw += Array(name.utf8) + Array(": ".utf8) + value + [13, 10]
        }
        raw += [13, 10] + Self.body
        let fromFile = MessageScanner.scan(raw)

        var scanner = MessageScanner()
        for (name, value) in Self.fields {
            value.withUnsafeBytes { scanner.header(name: name, value: $0) }
        }
        scanner.endOfHeaders()
        scanner.body(Self.body)
        let fromMilter = scanner.finish()

        #expect(fromMilter == fromFile)
        #expect(fromMilter.subject == "Men\u{FC} der Woche: 20 % Rabatt")
    }
}
