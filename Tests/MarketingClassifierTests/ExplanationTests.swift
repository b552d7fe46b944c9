import Foundation
import MailScanner
import Testing

@testable import MarketingClassifier

/// Every hit explains itself: rule id, description, score and a short excerpt of the evidence.
@Suite struct ExplanationTests {
    @Test func evidenceIsTheMatchWithContextOnOneLine() throws {
        let rules = try TestSupport.rules(
            "  - {id: pct, description: percent off, score: 5, kind: text, pattern: '\\d+% off'}\n"
        )
        let filler = String(repeating: "word ", count: 40)
        let verdict = TestSupport.classify(
            rules,
            TestSupport.text(filler + "today\n\n  take 20% off\tyour order " + filler)
        )
        let hit = try #require(verdict.hits.first)
        #expect(hit.ruleID == "pct")
        #expect(hit.description == "percent off")
        #expect(hit.evidence.contains("take 20% off your order"))
        #expect(hit.evidence.hasPrefix("…"))
        #expect(hit.evidence.hasSuffix("…"))
        #expect(!hit.evidence.contains("\n"))
        #expect(hit.evidence.count <= 122)
    }

    @Test func excerptsNeverSplitMultibyteCharacters() throws {
        let rules = try TestSupport.rules("  - {id: de, description: d, score: 5, kind: text, pattern: 'Rabatt'}\n")
        let text = String(repeating: "ä", count: 60) + " 20 % Rabatt " + String(repeating: "ö", count: 60)
        let hit = try #require(TestSupport.classify(rules, TestSupport.text(text)).hits.first)
        #expect(hit.evidence.contains("20 % Rabatt"))
        #expect(!hit.evidence.contains("\u{FFFD}"))
    }

    @Test func hitsAreOrderedStrongestFirstAndHeadersQuoted() throws {
        let rules = try TestSupport.rules(
            """
              - {id: small, description: d, score: 0.5, kind: header, name: Precedence}
              - {id: big, description: d, score: -2, kind: subject, pattern: 'receipt'}
              - {id: mid, description: d, score: 1, kind: header, name: X-Campaign, pattern: 'spring'}
            """
        )
        let message = ScannedMessage(
            headers: [TestSupport.header("Precedence", "bulk"), TestSupport.header("X-Campaign", "spring-2025")],
            subject: "Your receipt"
        )
        let verdict = TestSupport.classify(rules, message)
        #expect(verdict.hits.map(\.ruleID) == ["big", "mid", "small"])
        #expect(verdict.hits[1].evidence == "X-Campaign: spring-2025")
        #expect(verdict.hits[2].evidence == "Precedence: bulk")
    }

    @Test func verdictRoundTripsThroughJSON() throws {
        let verdict = MarketingClassifier().classify(TestSupport.text("Save 30% with code SPRING30"))
        let data = try JSONEncoder().encode(verdict)
        #expect(try JSONDecoder().decode(Verdict.self, from: data) == verdict)
    }
}
