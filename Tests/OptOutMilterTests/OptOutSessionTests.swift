import Milter
import Testing

@testable import OptOutMilter

@Suite struct OptOutSessionTests {
    @Test func stampsTheVersionAndTheQueueID() throws {
        var session = OptOutSession(snapshot: PolicySnapshot(version: "9.9.9"))
        let result = try session.endOfMessage(macros: MilterMacros(["i": "4XyZ1K2abc"]))
        #expect(result.verdict == .accept)
        #expect(result.edits == [.addHeader(name: "X-OptOut-Milter", value: "9.9.9 (queue-id 4XyZ1K2abc)")])
    }

    @Test func withoutAQueueIDTheValueIsTheVersion() {
        #expect(OptOutSession.headerValue(version: "1.0", queueID: nil) == "1.0")
        #expect(OptOutSession.headerValue(version: "1.0", queueID: "") == "1.0")
    }

    @Test func asksOnlyForWhatItUses() {
        let session = OptOutSession(snapshot: PolicySnapshot())
        #expect(session.requirements == MilterRequirements(actions: [.addHeaders]))
    }
}
