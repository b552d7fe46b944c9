import MailScanner
import Testing

@testable import MarketingClassifier

/// One compiled rule set shared by many threads gives every thread the same answers.
@Suite struct PatternConcurrencyTests {
    @Test func sharedRuleSetFromManyTasks() async {
        let classifier = MarketingClassifier()
        let promo = TestSupport.text("Earn double points when you use your card. 20% off with code TRAVEL20.")
        let plain = TestSupport.text("Minutes of Tuesday's meeting are attached.")
        let expectedPromo = classifier.classify(promo)
        let expectedPlain = classifier.classify(plain)
        #expect(expectedPromo.isMarketing)
        #expect(!expectedPlain.isMarketing)
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for _ in 0..<200 {
                        let message = index.isMultiple(of: 2) ? promo : plain
                        let expected = index.isMultiple(of: 2) ? expectedPromo : expectedPlain
                        if classifier.classify(message) != expected { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test func patternMatchRanges() throws {
        let scratch = MatchScratch()
        let pattern = try Pattern("rabatt")
        #expect(pattern.firstMatch(in: "20 % RABATT", scratch: scratch) == 5..<11)
        #expect(pattern.firstMatch(in: "", scratch: scratch) == nil)
        let sensitive = try Pattern("FREE", caseSensitive: true)
        #expect(!sensitive.matches("free software", scratch: scratch))
        #expect(throws: Pattern.CompileError.self) { try Pattern("a(b") }
    }
}
