import MailCorpus
import MarketingClassifier
import Testing

/// check and eval show block evidence: a mixed verdict names the promoting block and its rules.
@Suite struct VerdictTextBlockTests {
    @Test func mixedVerdictNamesItsBlock() {
        let receipt = Verdict.Hit(
            ruleID: "receipt-or-invoice",
            description: "",
            score: -1.5,
            count: 1,
            group: "service",
            evidence: "Order number 771"
        )
        let referral = Verdict.Hit(
            ruleID: "referral-nudge",
            description: "",
            score: 7.5,
            count: 1,
            group: "offer",
            evidence: "Refer a friend and…"
        )
        let block = Verdict.BlockEvidence(
            part: 1,
            block: 4,
            offset: 212,
            excerpt: "Refer a friend and you'll both get $20",
            score: 7.5,
            hits: [referral]
        )
        let verdict = Verdict(
            score: 7.5,
            threshold: 5,
            hits: [referral, receipt],
            messageScore: 6,
            blocks: [block]
        )
        #expect(verdict.isMixed)
        #expect(
            VerdictText.render(verdict, name: "r.eml") == """
                r.eml: marketing score=7.5 threshold=5.0 MIXED message=6.0
                  block part 1 #4 at 212 score=7.5: Refer a friend and you'll both get $20
                      +7.5 referral-nudge: Refer a friend and…
                  +7.5   referral-nudge: Refer a friend and…
                  -1.5   receipt-or-invoice: Order number 771
                """
        )
    }
}
