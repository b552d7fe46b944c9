import Testing

@testable import Milter

@Suite struct MilterReplyTests {
    @Test(arguments: [
        ("550", "5.7.1", true), ("550", nil, true), ("450", "5.7.1", false), ("55", nil, false),
        ("5x0", nil, false), ("550", "5.7", false), ("550", "4.7.1", false), ("550", "5..1", false),
    ])
    func validatesCodesForAReject(code: String, extended: String?, valid: Bool) {
        let reply = MilterReply(code: code, extendedCode: extended, text: "text")
        #expect(reply.isValid(forClass: "5") == valid)
    }

    @Test func lineCountIsBounded() {
        #expect(!MilterReply(code: "550", lines: []).isValid(forClass: "5"))
        let most = MilterReply(code: "550", lines: Array(repeating: "x", count: MilterReply.maximumLines))
        #expect(most.isValid(forClass: "5"))
        let tooMany = MilterReply(code: "550", lines: Array(repeating: "x", count: MilterReply.maximumLines + 1))
        #expect(!tooMany.isValid(forClass: "5"))
    }

    @Test func sanitizingRemovesLineBreaksAndEscapesPercent() {
        let reply = MilterReply(code: "550", lines: ["100% sure\r\nnext", "a\nb", "plain"])
        #expect(reply.sanitizedLines == ["100%% sure next", "a b", "plain"])
    }
}
