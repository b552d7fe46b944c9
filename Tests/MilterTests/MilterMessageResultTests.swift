import Testing

@testable import Milter

@Suite struct MilterMessageResultTests {
    static let edits: [MilterEdit] = [
        .addHeader(name: "X-A", value: "1"),
        .insertHeader(index: 0, name: "X-B", value: "2"),
        .changeHeader(name: "Subject", index: 1, value: nil),
        .addRecipient("<a@example.org>"),
        .deleteRecipient("<b@example.org>"),
        .quarantine(reason: "review"),
    ]

    @Test func eachEditNeedsItsAction() {
        #expect(
            Self.edits.map(\.requiredAction) == [
                .addHeaders, .addHeaders, .changeHeaders, .addRecipients, .deleteRecipients, .quarantine,
            ]
        )
    }

    @Test func editsAreAppliedInOrderWhenEveryActionWasGranted() {
        let result = MilterMessageResult(verdict: .accept, edits: Self.edits)
        #expect(result.plan(negotiated: .all) == .apply(edits: Self.edits, verdict: .accept))
    }

    @Test func aMissingActionRefusesTheWholeResult() {
        let result = MilterMessageResult(verdict: .accept, edits: Self.edits)
        #expect(
            result.plan(negotiated: [.addHeaders, .changeHeaders])
                == .refuse(missing: [
                    .addRecipients, .deleteRecipients, .quarantine,
                ])
        )
    }

    @Test(arguments: [MilterVerdict.reject, .tempfail, .discard])
    func editsAreDroppedWhenTheMessageIsNotDelivered(verdict: MilterVerdict) {
        let result = MilterMessageResult(verdict: verdict, edits: Self.edits)
        #expect(result.plan(negotiated: []) == .apply(edits: [], verdict: verdict))
    }
}
