import Testing

@testable import MailScanner

@Suite struct MailScannerSmokeTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
