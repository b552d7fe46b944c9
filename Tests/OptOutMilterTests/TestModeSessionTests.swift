import Milter
import Testing

@testable import OptOutMilter

@Suite struct TestModeSessionTests {
    @Test(arguments: [
        ("add-header X-A some value", MilterEdit.addHeader(name: "X-A", value: "some value")),
        ("insert-header 2 X-B v", .insertHeader(index: 2, name: "X-B", value: "v")),
        ("change-header Subject 1 new subject", .changeHeader(name: "Subject", index: 1, value: "new subject")),
        ("delete-header X-C 3", .changeHeader(name: "X-C", index: 3, value: nil)),
        ("add-rcpt <a@example.org>", .addRecipient("<a@example.org>")),
        ("del-rcpt <b@example.org>", .deleteRecipient("<b@example.org>")),
        ("  quarantine held for review ", .quarantine(reason: "held for review")),
    ])
    func parsesEdits(text: String, edit: MilterEdit) {
        #expect(TestModeSession.edit(text) == edit)
    }

    @Test(arguments: ["", "add-header X-A", "insert-header x X-B v", "frobnicate"])
    func ignoresMalformedEdits(text: String) {
        #expect(TestModeSession.edit(text) == nil)
    }

    @Test func headersChooseTheVerdictAndAbortResetsIt() throws {
        var session = TestModeSession(version: "1")
        #expect(try session.header(name: "X-Test-Verdict", value: "reject") == .continue)
        #expect(try session.header(name: "X-Test-Verdict-Now", value: "tempfail") == .tempfail)
        session.abort()
        _ = try session.header(name: "x-test-edit", value: "add-rcpt <c@example.org>")
        let result = try session.endOfMessage(macros: MilterMacros())
        #expect(result.verdict == .accept)
        #expect(result.edits == [.addHeader(name: "X-OptOut-Milter", value: "1"), .addRecipient("<c@example.org>")])
    }

    @Test func aFailureHeaderMakesEndOfMessageThrow() throws {
        var session = TestModeSession(version: "0.1.0")
        _ = try session.header(name: "X-Test-Fail", value: "yes")
        #expect(throws: TestModeSession.Failure.self) { try session.endOfMessage(macros: MilterMacros()) }
    }
}

extension MilterSession {
    /// A header given as text, as the binding would pass its bytes.
    mutating func header(name: String, value: String) throws -> MilterVerdict {
        var bytes = Array(value.utf8)
        return try bytes.withUnsafeMutableBytes { try self.header(name: name, value: UnsafeRawBufferPointer($0)) }
    }
}
