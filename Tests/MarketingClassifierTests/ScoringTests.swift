import MailScanner
import Testing

@testable import MarketingClassifier

/// Score arithmetic: repeated hits, group caps, the threshold and the mislabelled flag.
@Suite struct ScoringTests {
    @Test func repeatedHitsCountUpToMaxHits() throws {
        let rules = try TestSupport.rules(
            """
              - {id: once, description: d, score: 1, kind: text, pattern: 'deal'}
              - {id: thrice, description: d, score: 0.5, max_hits: 3, kind: text, pattern: 'deal'}
            """
        )
        let verdict = TestSupport.classify(rules, TestSupport.text("deal deal deal deal deal"))
        let once = try #require(verdict.hits.first { $0.ruleID == "once" })
        let thrice = try #require(verdict.hits.first { $0.ruleID == "thrice" })
        #expect(once.count == 1)
        #expect(once.score == 1)
        #expect(thrice.count == 3)
        #expect(thrice.score == 1.5)
        #expect(verdict.score == 2.5)
    }

    @Test func groupCapsLimitOneKindOfEvidence() throws {
        let rules = try TestSupport.rules(
            """
              - {id: a, description: d, score: 3, group: weak, kind: text, pattern: 'a'}
              - {id: b, description: d, score: 3, group: weak, kind: text, pattern: 'b'}
              - {id: svc1, description: d, score: -2, group: service, kind: text, pattern: 'receipt'}
              - {id: svc2, description: d, score: -2, group: service, kind: text, pattern: 'order'}
              - {id: free, description: d, score: 1, kind: text, pattern: 'z'}
            """,
            groups: "groups:\n  weak: {max: 4}\n  service: {min: -3}\n"
        )
        let verdict = TestSupport.classify(rules, TestSupport.text("a b z receipt order"))
        // Message level: weak 6 -> 4; service -4 -> -3; ungrouped 1.
        #expect(verdict.messageScore == 2)
        // The one block scores its promoting (positive text) rules alone, with the same caps: 4 + 1.
        #expect(verdict.blocks.first?.score == 5)
        #expect(verdict.score == 5)
        #expect(verdict.cappedGroups.contains(.init(group: "weak", raw: 6, counted: 4)))
        #expect(verdict.cappedGroups.contains(.init(group: "service", raw: -4, counted: -3)))
    }

    @Test func thresholdIsInclusiveAndOneWeakSignalDoesNotFlip() throws {
        let rules = try TestSupport.rules(
            """
              - {id: strong, description: d, score: 5, kind: text, pattern: 'coupon'}
              - {id: weak, description: d, score: 1, kind: text, pattern: 'unsubscribe'}
            """
        )
        #expect(TestSupport.classify(rules, TestSupport.text("a coupon")).isMarketing)
        #expect(!TestSupport.classify(rules, TestSupport.text("unsubscribe here")).isMarketing)
        #expect(TestSupport.classify(rules, TestSupport.text("unsubscribe here")).label == "not-marketing")
    }

    @Test func mislabelledOnlyWhenDeclaredServiceAndMarketing() throws {
        let rules = try TestSupport.rules("  - {id: strong, description: d, score: 5, kind: text, pattern: 'coupon'}\n")
        func message(_ category: String, _ body: String) -> ScannedMessage {
            var message = TestSupport.text(body)
            message.headers = [TestSupport.header("X-Message-Category", category)]
            return message
        }
        #expect(TestSupport.classify(rules, message("service", "coupon inside")).mislabelled)
        #expect(TestSupport.classify(rules, message("Transactional", "coupon inside")).mislabelled)
        #expect(!TestSupport.classify(rules, message("service", "plain receipt")).mislabelled)
        #expect(!TestSupport.classify(rules, message("marketing", "coupon inside")).mislabelled)
        #expect(!TestSupport.classify(rules, TestSupport.text("coupon inside")).mislabelled)
    }

    @Test func serviceEvidenceCannotCancelOnePromotionalElementInTheBuiltinPack() {
        // The ICO test is one-way: the builtin service group is capped below a decisive promotion.
        let rules = CompiledRuleSet.builtin()
        let serviceFloor = rules.groups["service"]?.min ?? 0
        let decisive = rules.rules.filter { $0.score >= 7.5 }
        #expect(!decisive.isEmpty)
        #expect(decisive.allSatisfy { $0.score + serviceFloor >= rules.threshold })
    }
}
