import Foundation
import Testing

@testable import Suppression

@Suite struct SuppressionExplanationTests {
    @Test func explainsWhichEntryAppliesAndWhyOthersDoNot() throws {
        let temporary = try TemporaryStore()
        let when = Date(timeIntervalSince1970: 1_800_000_000)
        try temporary.add(["jane.doe@gmail.com"], scope: .categories(["offers"]))
        try temporary.add(["janedoe@gmail.com"], effectiveAt: when.addingTimeInterval(3_600))
        try temporary.add(["@gmail.com"], scope: .categories(["newsletter"]))

        let explanation = try SuppressionExplanation.explain(
            recipient: "J.ane.Doe+x@googlemail.com",
            category: "newsletter",
            at: when,
            store: temporary.store
        )
        #expect(explanation.address.canonical == "janedoe@gmail.com")
        #expect(explanation.findings.count == 3)
        #expect(explanation.findings[0].notApplicable?.contains("does not cover category newsletter") == true)
        #expect(explanation.findings[1].notApplicable?.contains("takes effect only at") == true)
        let match = try #require(explanation.match)
        #expect(match.entry.key.kind == .domain)
        #expect(match.matchedForm == "gmail.com")

        // The daemon's snapshot reports the same entry.
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)
        let fromSnapshot = try snapshot.lookup(
            recipient: "J.ane.Doe+x@googlemail.com",
            category: "newsletter",
            at: when
        )
        #expect(fromSnapshot?.entryID == match.entry.id)
    }
}
