import Testing

@testable import MarketingClassifier

@Suite struct MarketingClassifierSmokeTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
