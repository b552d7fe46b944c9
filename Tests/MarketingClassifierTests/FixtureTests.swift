import Foundation
import MailScanner
import Testing

@testable import MarketingClassifier

/// Scanner plus built-in rules on messages written for these tests: service mail stays service,
/// newsletters are marketing, and a service mail with one promotional element is marketing.
@Suite struct FixtureTests {
    static let classifier = MarketingClassifier()

    private func verdict(_ name: String) throws -> Verdict {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "eml", subdirectory: "Fixtures"))
        let message = MessageScanner.scan([UInt8](try Data(contentsOf: url)))
        return Self.classifier.classify(message)
    }

    @Test(arguments: ["service-receipt", "service-password-reset", "service-shipping-de", "service-invoice-de"])
    func pureServiceIsNotMarketing(_ name: String) throws {
        let verdict = try self.verdict(name)
        #expect(!verdict.isMarketing, "\(name): \(verdict.score) \(verdict.hits.map(\.ruleID))")
        #expect(!verdict.mislabelled)
    }

    @Test(arguments: ["newsletter-spring-sale", "newsletter-de"])
    func newslettersAreMarketing(_ name: String) throws {
        let verdict = try self.verdict(name)
        #expect(verdict.isMarketing)
        #expect(verdict.score >= 2 * verdict.threshold)
    }

    @Test(arguments: [
        ("mixed-receipt-card-nudge", "card-use-nudge"),
        ("mixed-reset-app-launch", "app-promotion"),
        ("mixed-shipping-discount", "percent-off"),
        ("mixed-account-preferences", "consent-request"),
    ])
    func serviceWithOnePromotionalElementIsMarketing(_ name: String, _ rule: String) throws {
        let verdict = try self.verdict(name)
        #expect(verdict.isMarketing, "\(name): \(verdict.score) \(verdict.hits.map(\.ruleID))")
        #expect(verdict.hits.first?.ruleID == rule)
        #expect(verdict.hits.contains { $0.score < 0 }, "the service core is still recognised")
    }

    @Test func declaredServiceWithPromotionIsMislabelled() throws {
        let verdict = try self.verdict("mixed-receipt-card-nudge")
        #expect(verdict.declaredCategory == "service")
        #expect(verdict.mislabelled)
        #expect(try !self.verdict("service-receipt").mislabelled)
    }
}
