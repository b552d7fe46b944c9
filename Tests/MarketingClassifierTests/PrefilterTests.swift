import Foundation
import MailScanner
import Testing

@testable import MarketingClassifier

/// The word prefilter only skips rules that cannot match: verdicts are the same with and without it.
@Suite struct PrefilterTests {
    @Test func anchorsOfTypicalPatterns() {
        #expect(
            AnchorExtractor.anchors(of: #"\bcoupons?\b|\b(Gutschein|Rabatt)-?codes?\b"#) == [
                "coupon", "gutschei", "rabatt",
            ]
        )
        #expect(AnchorExtractor.anchors(of: #"\b(save|spare[nr]?) \d+%"#) == ["save", "spare"])
        // Without Unicode properties a non-ASCII letter is a word boundary, in PCRE2 and in the filter.
        #expect(AnchorExtractor.anchors(of: #"(?-i:\bFREE\b)|\bgünstig"#) == ["free", "nstig"])
        // The most selective required word of each branch.
        #expect(
            AnchorExtractor.anchors(of: #"\b(this|the) list is (sponsored|supported) by\b"#) == [
                "sponsore", "supporte",
            ]
        )
        #expect(AnchorExtractor.anchors(of: #"\b\d+% off"#) == ["off"])
        #expect(AnchorExtractor.anchors(of: #"(?m)\bwrote:"#) == ["wrote"])
        // Constructs the extractor cannot bound make the rule always run.
        #expect(AnchorExtractor.anchors(of: #"\b\d+%"#) == nil)
        #expect(AnchorExtractor.anchors(of: #"Sonderangebot|\bsale\b"#) == nil)
        #expect(AnchorExtractor.anchors(of: #"\b(new )?arrivals"#) == ["arrivals"])
        #expect(AnchorExtractor.anchors(of: #"\b(?=sale)sale"#) == nil)
        #expect(AnchorExtractor.anchors(of: #"\b[a-z]+ \p{L}"#) == nil)
    }

    @Test func mostBuiltinTextRulesArePrefiltered() {
        let rules = CompiledRuleSet.builtin()
        let textRules = rules.rules.filter { if case .text = $0.condition { true } else { false } }
        let unfiltered = textRules.filter { rule in
            guard case .text(let pattern, _) = rule.condition else { return false }
            return AnchorExtractor.anchors(of: pattern.source) == nil
        }
        #expect(rules.prefilter.filterableCount == textRules.count - unfiltered.count)
        #expect(unfiltered.count <= 6, "always run: \(unfiltered.map(\.id))")
    }

    @Test func prefilterNeverChangesAVerdict() throws {
        let classifier = MarketingClassifier()
        var messages: [ScannedMessage] = [
            TestSupport.text("SAVE 20% today", hidden: "Coupon inside"),
            TestSupport.text("Minutes of the meeting. Don't wait for me. Re-upgrade done."),
            TestSupport.text("Nur diese Woche: Gutscheincode SOMMER, versandkostenfrei, jetzt bestellen"),
            TestSupport.text("earn 3x points when you use your card; refer a friend; stay in touch"),
        ]
        let fixtures = try #require(Bundle.module.urls(forResourcesWithExtension: "eml", subdirectory: "Fixtures"))
        for url in fixtures {
            messages.append(MessageScanner.scan([UInt8](try Data(contentsOf: url as URL))))
        }
        for message in messages {
            let fast = classifier.classify(message, envelope: Envelope(), prefilter: true)
            let full = classifier.classify(message, envelope: Envelope(), prefilter: false)
            #expect(fast == full)
        }
    }
}
