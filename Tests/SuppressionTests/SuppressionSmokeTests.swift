import Testing

@testable import Suppression

@Suite struct SuppressionSmokeTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
