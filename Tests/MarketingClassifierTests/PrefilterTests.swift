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
        #expect(AnchorExtractor.anchors(of: #"\b(save|spare[nr]?) \d+ percent"#) == ["percent"])
        // A required rare symbol beats any word; one the pattern may skip is not required.
        #expect(AnchorExtractor.anchors(of: #"\b(save|spare[nr]?) \d+%"#) == ["%"])
        #expect(AnchorExtractor.anchors(of: #"\b\d+%|\bsave \d+ ?%"#) == ["%"])
        #expect(AnchorExtractor.anchors(of: #"\bsave \d+ ?%?"#) == ["save"])
        #expect(AnchorExtractor.anchors(of: #"\b\d+%|@\w+"#) == ["%", "@"])
        // Without Unicode properties a non-ASCII letter is a word boundary, in PCRE2 and in the filter.
        #expect(AnchorExtractor.anchors(of: #"(?-i:\bFREE\b)|\bgünstig"#) == ["free", "nstig"])
        // The most selective required word of each branch.
        #expect(
            AnchorExtractor.anchors(of: #"\b(this|the) list is (sponsored|supported) by\b"#) == [
                "sponsore", "supporte",
            ]
        )
        #expect(AnchorExtractor.anchors(of: #"\b\d+ percent off"#) == ["percent"])
        #expect(AnchorExtractor.anchors(of: #"(?m)\bwrote:"#) == ["wrote"])
        // Constructs the extractor cannot bound make the rule always run.
        #expect(AnchorExtractor.anchors(of: #"\b\d+\.\d+"#) == nil)
        #expect(AnchorExtractor.anchors(of: #"Sonderangebot|\bsale\b"#) == nil)
        #expect(AnchorExtractor.anchors(of: #"\b(new )?arrivals"#) == ["arrivals"])
        #expect(AnchorExtractor.anchors(of: #"\b(?=sale)sale"#) == nil)
        #expect(AnchorExtractor.anchors(of: #"\b[a-z]+ \p{L}"#) == nil)
    }

    @Test func leadingAnchorsOnlyWhenEveryMatchStartsWithOne() {
        #expect(
            AnchorExtractor.leadingAnchors(of: #"\b(save|spare) \d+%|\bcoupons?\b"#) == ["coupon", "save", "spare"]
        )
        #expect(
            AnchorExtractor.leadingAnchors(of: #"(?-i:\bFREE\b)|\b(?:half|halbe)[- ]price"#) == [
                "free", "halbe", "half",
            ]
        )
        // A required word that is not at the start of its branch is no place to anchor a match.
        #expect(AnchorExtractor.leadingAnchors(of: #"\b(this|the)? list is sponsored"#) == nil)
        #expect(AnchorExtractor.leadingAnchors(of: #"\bthe list is sponsored|\d+% off"#) == nil)
        #expect(AnchorExtractor.leadingAnchors(of: #"coupon"#) == nil)
    }

    @Test func mostBuiltinTextRulesArePrefiltered() {
        let rules = CompiledRuleSet.builtin()
        let textRules = rules.rules.filter { if case .text = $0.condition { true } else { false } }
        let always = zip(rules.rules, rules.prefilter.modes).filter { rule, mode in
            guard case .text = rule.condition, case .always = mode else { return false }
            return true
        }
        let counts = rules.prefilter.counts
        #expect(counts.anchored + counts.skippable + always.count == textRules.count)
        #expect(counts.anchored >= textRules.count / 2)
        #expect(always.count <= 4, "always run: \(always.map(\.0.id))")
        // A skippable rule scans the whole text whenever one of its words occurs: measured on the
        // corpus's 2025–26 mail, each such rule with common words ("price", "points") cost 80–90 µs
        // per message, against a few µs anchored. Only rules that no word can anchor stay skippable.
        let skippable = zip(rules.rules, rules.prefilter.modes).compactMap { rule, mode -> String? in
            guard case .skippable = mode else { return nil }
            return rule.id
        }
        #expect(Set(skippable) == ["percent-off", "points-multiplier", "quoted-text"], "skippable: \(skippable)")
    }

    @Test func prefilterNeverChangesAVerdict() throws {
        let classifier = MarketingClassifier()
        var messages: [ScannedMessage] = [
            TestSupport.text("SAVE 20% today", hidden: "Coupon inside"),
            TestSupport.text("Save 20 today", hidden: "up to 30 % off"),
            TestSupport.text("20% off everything; email sales@example.com"),
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

extension PrefilterTests {
    /// A text without the rule's required symbol skips it; one symbol anywhere in the text runs it.
    @Test func aSymbolAnchorSkipsOnlyTextsWithoutTheSymbol() throws {
        let rule = Rule(
            id: "percent",
            description: "a percentage",
            score: 1,
            condition: .text(try Pattern(#"\b\d{1,2}\s?%"#), scope: .all)
        )
        let prefilter = TextPrefilter(rules: [rule])
        guard case .skippable(let slot) = prefilter.modes[0] else {
            Issue.record("a required % makes the rule skippable, got \(prefilter.modes[0])")
            return
        }
        func present(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { prefilter.index($0) }.contains(skippable: slot)
        }
        #expect(!present("Save 20 today, 30 percent off"))
        #expect(present("Save 20% today"))
        #expect(present("%"))
        #expect(present("word %"))
    }
}
