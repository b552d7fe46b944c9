import Testing

@testable import OptOutMilter

@Suite struct OptOutMilterSmokeTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
