import Testing

@testable import Milter

@Suite struct MilterSmokeTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
