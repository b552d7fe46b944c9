import Testing

@testable import MailScanner

@Suite struct CharsetDecoderTests {
    @Test(
        arguments: [
            ("utf-8", [0x63, 0x61, 0x66, 0xC3, 0xA9], "caf\u{E9}"),
            ("UTF8", [0xE2, 0x82, 0xAC], "\u{20AC}"),
            ("iso-8859-1", [0xE9, 0x92], "\u{E9}\u{2019}"),  // read as windows-1252, as clients do
            ("windows-1252", [0x80, 0x93, 0x94], "\u{20AC}\u{201C}\u{201D}"),
            ("iso-8859-15", [0xA4], "\u{20AC}"),
            ("iso-8859-7", [0xE1], "\u{03B1}"),
            ("windows-1251", [0xCF], "\u{041F}"),
            ("koi8-r", [0xF0], "\u{041F}"),
            ("gb2312", [0xD6, 0xD0], "\u{4E2D}"),
            ("gbk", [0x81, 0x40], "\u{4E02}"),
            ("big5", [0xA4, 0xA4], "\u{4E2D}"),
            ("shift_jis", [0x93, 0xFA], "\u{65E5}"),
            ("euc-kr", [0xC7, 0xD1], "\u{D55C}"),
            ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x1B, 0x28, 0x42], "\u{65E5}"),
            ("\"UTF-8\"", [0x61], "a"),
        ] as [(String, [UInt8], String)]
    )
    func labelledCharsets(label: String, bytes: [UInt8], expected: String) {
        #expect(CharsetDecoder.decode(bytes, label: label) == expected)
    }

    @Test func invalidBytesAreReplacedNeverFatal() {
        #expect(CharsetDecoder.decode([0x61, 0xFF, 0x62], label: "utf-8") == "a\u{FFFD}b")
        #expect(CharsetDecoder.decode([0x61, 0x80, 0x62], label: "shift_jis") == "a\u{FFFD}b")
        #expect(CharsetDecoder.decode([0x61, 0xA4], label: "big5") == "a\u{FFFD}")  // truncated sequence
        #expect(CharsetDecoder.decode([0x1B, 0x24, 0x42, 0xFF], label: "iso-2022-jp").contains("\u{FFFD}"))
    }

    @Test func unknownOrMissingLabelsFallBack() {
        #expect(CharsetDecoder.decode([0xC3, 0xA9], label: "") == "\u{E9}")  // valid UTF-8
        #expect(CharsetDecoder.decode([0xE9], label: "") == "\u{E9}")  // else windows-1252
        #expect(CharsetDecoder.decode([0xE9], label: "us-ascii") == "\u{E9}")
        #expect(CharsetDecoder.decode([0xE9], label: "x-no-such-charset") == "\u{E9}")
        #expect(CharsetDecoder.decode([0xE9], label: "bad label!") == "\u{E9}")
    }
}
