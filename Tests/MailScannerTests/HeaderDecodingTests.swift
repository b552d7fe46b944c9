import Testing

@testable import MailScanner

@Suite struct HeaderDecodingTests {
    @Test(arguments: [
        ("=?utf-8?q?caf=C3=A9?=", "caf\u{E9}"),
        ("=?UTF-8?B?Y2Fmw6k=?=", "caf\u{E9}"),
        ("=?iso-8859-1?q?caf=E9?= au lait", "caf\u{E9} au lait"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),  // white space between words dropped
        ("=?utf-8?q?a?=\t =?utf-8?q?b?=", "ab"),
        ("x =?utf-8?q?a?= y", "x a y"),  // kept next to plain text
        ("=?utf-8?q?split_=E2=82?= =?utf-8?q?=AC?=", "split \u{20AC}"),  // character split across words
        ("=?utf-8*en?q?lang?=", "lang"),  // RFC 2231 language suffix
        ("=?koi8-r?b?8NLJ18XU?=", "\u{041F}\u{0440}\u{0438}\u{0432}\u{0435}\u{0442}"),
        ("=?windows-1252?q?=93q=94?=", "\u{201C}q\u{201D}"),
        ("=?gb2312?b?1tDOxA==?=", "\u{4E2D}\u{6587}"),
        ("=?iso-2022-jp?b?GyRCRnxLXDhsGyhC?=", "\u{65E5}\u{672C}\u{8A9E}"),
        ("=?shift_jis?b?k/qWe4zq?=", "\u{65E5}\u{672C}\u{8A9E}"),
        ("=?big5?b?pKSk5Q==?=", "\u{4E2D}\u{6587}"),
        ("glued=?utf-8?q?word?=", "gluedword"),
        ("=?utf-8?x?not?=", "=?utf-8?x?not?="),  // unknown encoding kept
        ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
        ("=?unknown-charset?q?ascii?=", "ascii"),
        ("plain text", "plain text"),
    ])
    func encodedWords(input: String, expected: String) {
        #expect(EncodedWordDecoder.decode(Array(input.utf8)) == expected)
    }

    @Test func rawEightBitHeaders() {
        #expect(EncodedWordDecoder.decode([0x63, 0x61, 0x66, 0xE9]) == "caf\u{E9}")  // windows-1252
        #expect(EncodedWordDecoder.decode(Array("caf\u{E9}".utf8)) == "caf\u{E9}")  // UTF-8
    }

    @Test(arguments: [
        ("a@b.example", [ScannedMessage.Address(address: "a@b.example")]),
        ("Name <a@b.example>", [.init(displayName: "Name", address: "a@b.example")]),
        ("\"Last, First\" <a@b.example>", [.init(displayName: "Last, First", address: "a@b.example")]),
        ("a@b.example (Comment Name)", [.init(displayName: "Comment Name", address: "a@b.example")]),
        ("Name (comment) <a@b.example>", [.init(displayName: "Name", address: "a@b.example")]),
        ("\"john..doe\"@b.example", [.init(address: "\"john..doe\"@b.example")]),
        ("\"plain\"@b.example", [.init(address: "plain@b.example")]),
        ("<@relay.example:a@b.example>", [.init(address: "a@b.example")]),
        ("undisclosed-recipients:;", []),
        (
            "Team: a@b.example, B <c@d.example>;, e@f.example",
            [
                .init(address: "a@b.example", group: "Team"),
                .init(displayName: "B", address: "c@d.example", group: "Team"),
                .init(address: "e@f.example"),
            ]
        ),
        ("=?utf-8?q?J=C3=BCrgen?= <j@b.example>", [.init(displayName: "J\u{FC}rgen", address: "j@b.example")]),
        ("<a@b.example> <c@d.example>", [.init(address: "a@b.example"), .init(address: "c@d.example")]),
        (", ,a@b.example,,", [.init(address: "a@b.example")]),
        ("\"unterminated <a@b.example>", []),
        // Fuzz finding: a comment ending in a backslash at the very end of the value.
        ("a@b.example (x\\", [.init(displayName: "x\\", address: "a@b.example")]),
        ("<a@b.example (\\>", [.init(address: "a@b.example")]),
    ])
    func addressLists(input: String, expected: [ScannedMessage.Address]) {
        #expect(AddressListParser.parse(Array(input.utf8)) == expected)
    }

    @Test(arguments: [
        ("text/html; charset=\"UTF-8\"", "text/html", "charset", "UTF-8"),
        ("Text/Plain ; CHARSET = iso-8859-1 (comment)", "text/plain", "charset", "iso-8859-1"),
        ("multipart/mixed; boundary=----=_NextPart_000_0001", "multipart/mixed", "boundary", "----=_NextPart_000_0001"),
        ("attachment; filename*=utf-8''na%C3%AFve.pdf", "attachment", "filename", "na\u{EF}ve.pdf"),
        ("attachment; filename*0=\"long \"; filename*1=\"name.pdf\"", "attachment", "filename", "long name.pdf"),
        ("attachment; filename*0*=utf-8''%C3%A9; filename*1=\".txt\"", "attachment", "filename", "\u{E9}.txt"),
        ("inline; filename=\"a \\\"quoted\\\" name\"", "inline", "filename", "a \"quoted\" name"),
    ])
    func mimeParameters(input: String, value: String, parameter: String, expected: String) {
        let parsed = MIMEHeaderValue(parsing: Array(input.utf8))
        #expect(parsed.value == value)
        #expect(parsed.textParameter(parameter) == expected)
    }

    @Test func commentEndingInBackslashAtTheEnd() {
        #expect(MIMEHeaderValue(parsing: Array("text/plain (\\".utf8)).value == "text/plain")
    }

    @Test func encodedWordFilename() {
        let parsed = MIMEHeaderValue(parsing: Array("attachment; filename=\"=?utf-8?B?w6kucGRm?=\"".utf8))
        #expect(parsed.textParameter("filename") == "\u{E9}.pdf")
    }
}
