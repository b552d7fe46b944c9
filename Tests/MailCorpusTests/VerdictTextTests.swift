import MailCorpus
import MarketingClassifier
import Testing

/// check's human output: the verdict line, one line per hit, capped groups.
@Suite struct VerdictTextTests {
    @Test func verdictLineHitsAndCaps() {
        let verdict = Verdict(
            score: 7.3,
            threshold: 5,
            hits: [
                .init(
                    ruleID: "LIST_UNSUBSCRIBE",
                    description: "",
                    score: 4,
                    count: 1,
                    group: nil,
                    evidence: "<mailto:u>"
                ),
                .init(ruleID: "UTM_LINKS", description: "", score: 4.5, count: 3, group: "links", evidence: "utm_x"),
                .init(ruleID: "REPLY", description: "", score: -1.3, count: 1, group: nil, evidence: "Re:"),
            ],
            cappedGroups: [.init(group: "links", raw: 4.5, counted: 3)],
            declaredCategory: "service"
        )
        #expect(
            VerdictText.render(verdict, name: "a.eml") == """
                a.eml: marketing score=7.3 threshold=5.0 declared=service MISLABELLED
                  +4.0   LIST_UNSUBSCRIBE: <mailto:u>
                  +4.5   UTM_LINKS x3: utm_x
                  -1.3   REPLY: Re:
                  group links capped: 4.5 counted as 3.0
                """
        )
        #expect(VerdictText.render(verdict, name: "a.eml", limit: 1).split(separator: "\n").count == 3)
    }

    @Test func notMarketingWithoutHits() {
        let verdict = Verdict(score: 0, threshold: 5, hits: [])
        #expect(VerdictText.render(verdict, name: "b.eml") == "b.eml: not-marketing score=0.0 threshold=5.0")
    }
}
