import MailCorpus
import MailScanner
import Testing

/// scan's human output for a small HTML message: headers, flags, the text, links and images.
@Suite struct ScanReportTests {
    @Test func htmlMessageReport() {
        let raw = """
            From: "Shop" <news@shop.example>
            To: jane@example.com
            Subject: Spring sale
            Content-Type: text/html; charset=utf-8

            <p>Hello <a href="https://shop.example/sale?utm_source=mail">Shop now</a></p>\
            <img src="https://t.example/p.gif" width="1" height="1">

            """
        let text = ScanReport(message: MessageScanner.scan(Array(raw.utf8))).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Subject: Spring sale")
        #expect(lines.contains("From: \"Shop\" <news@shop.example>"))
        #expect(lines.contains("To: jane@example.com"))
        #expect(lines.contains("Flags: html-only"))
        #expect(lines.contains("Links (1):"))
        #expect(lines.contains("  [html] https://shop.example/sale?utm_source=mail  \"Shop now\""))
        #expect(lines.contains("      host shop.example path /sale query utm_source=mail"))
        #expect(lines.contains("Images (1):"))
        #expect(lines.contains("  https://t.example/p.gif  1x1  tracking pixel"))
        #expect(!text.contains("Attachments"))
    }
}
