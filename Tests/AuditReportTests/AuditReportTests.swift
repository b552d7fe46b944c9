import AuditReport
import Foundation
import Testing

/// The report over an audit file the test writes in the daemon's format.
@Suite struct AuditReportTests {
    /// One audit line as `AuditLog` writes it (snake_case keys).
    static func record(
        _ time: String,
        sender: String = "news@shop.example",
        recipients: [(String, Bool, String)],
        verdict: String = "marketing",
        rules: [String] = ["discount-offer"],
        mislabelled: Bool = false,
        action: String = "remove-recipient",
        mode: String = "enforce"
    ) -> String {
        let list = recipients.map { #"{"address":"\#($0.0)","suppressed":\#($0.1),"outcome":"\#($0.2)"}"# }
        let ruleList = rules.map { "\"\($0)\"" }.joined(separator: ",")
        return
            #"{"time":"\#(time)","queue_id":"Q1","sender":"\#(sender)","recipients":[\#(list.joined(separator: ","))],"#
            + #""verdict":"\#(verdict)","score":7.5,"threshold":5,"rules":[\#(ruleList)],"declared_service":\#(mislabelled),"#
            + #""mislabelled":\#(mislabelled),"uncertain":false,"action":"\#(action)","mode":"\#(mode)","generation":1}"#
    }

    /// Three days; one record before and one after the period; a torn last line.
    static let lines = [
        record("2026-10-31T23:59:59.999Z", recipients: [("a@x.example", true, "removed")]),
        record(
            "2026-11-01T08:00:00.000Z",
            recipients: [("a@x.example", true, "removed"), ("b@x.example", false, "delivered")]
        ),
        record(
            "2026-11-01T09:00:00.000Z",
            sender: "receipts@bank.example",
            recipients: [("c@x.example", true, "held")],
            rules: ["discount-offer", "unsubscribe-link"],
            mislabelled: true,
            action: "quarantine"
        ),
        record("2026-11-02T10:00:00.000Z", recipients: [("d@x.example", true, "rejected")], action: "reject"),
        record(
            "2026-11-03T11:00:00.000Z",
            recipients: [("e@x.example", true, "delivered")],
            verdict: "not-marketing",
            rules: [],
            action: "none"
        ),
        record("2026-11-04T00:00:00.000Z", recipients: [("f@x.example", true, "removed")]),
        #"{"time":"2026-11-03T12:00:00.000Z","sen"#,
    ]

    static func auditFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl")
            .path
        try Data(Self.lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func summary() throws -> AuditSummary {
        let path = try Self.auditFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let period = try AuditPeriod(sinceText: "2026-11-01", untilText: "2026-11-04")
        return try AuditSummaryBuilder.summarize(files: [path], period: period)
    }

    @Test func countsWithinThePeriod() throws {
        let summary = try Self.summary()
        #expect(summary.auditedMessages == 4)
        #expect(summary.marketingMessages == 3)
        #expect(summary.recipients == 5)
        #expect(summary.suppressedRecipients == 4)
        #expect(summary.unreadableLines == 1)
        #expect(summary.first == "2026-11-01T08:00:00.000Z")
        #expect(summary.last == "2026-11-03T11:00:00.000Z")
        #expect(
            summary.suppressedByAction == [
                .init(name: "none", count: 1), .init(name: "quarantine", count: 1), .init(name: "reject", count: 1),
                .init(name: "remove-recipient", count: 1),
            ]
        )
        #expect(summary.mislabelledBySender == [.init(name: "receipts@bank.example", count: 1)])
        #expect(summary.topRules.first == .init(name: "discount-offer", count: 3))
        #expect(summary.days.map(\.date) == ["2026-11-01", "2026-11-02", "2026-11-03"])
        #expect(summary.days.map(\.marketing) == [2, 1, 0])
        #expect(summary.days.map(\.suppressedRecipients) == [2, 1, 1])
    }

    @Test func textJSONAndHTMLCarryTheSameCounts() throws {
        let summary = try Self.summary()
        let text = summary.text
        #expect(text.contains("marketing messages:              3"))
        #expect(text.contains("opted-out recipients:            4"))
        #expect(text.contains("receipts@bank.example"))

        let json = try JSONSerialization.jsonObject(with: Data(try summary.json().utf8)) as? [String: Any]
        #expect(json?["marketing_messages"] as? Int == 3)
        #expect(json?["suppressed_recipients"] as? Int == 4)
        #expect((json?["days"] as? [Any])?.count == 3)

        let html = summary.html
        #expect(html.contains("<svg id=\"daily-chart\""))
        // Two bars per day, one per series.
        #expect(html.components(separatedBy: "<rect class=\"bar ").count - 1 == 6)
        #expect(html.contains("<td>receipts@bank.example</td><td class=\"n\">1</td>"))
        // Self-contained: nothing fetched from elsewhere.
        for external in ["<script", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(external))
        }
    }

    @Test func htmlEscapesWhatTheLogHolds() {
        var summary = AuditSummary(period: AuditPeriod(), files: ["a<b>.jsonl"])
        summary.mislabelledBySender = [.init(name: "\"><script>x</script>@evil.example", count: 1)]
        let html = summary.html
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test func periodBoundsAreParsedAndChecked() throws {
        #expect(try AuditPeriod(sinceText: "2026-11-01T08:00:00Z", untilText: nil).since == "2026-11-01T08:00:00.000Z")
        #expect(throws: AuditReportError.self) { try AuditPeriod(sinceText: "yesterday", untilText: nil) }
        #expect(throws: AuditReportError.self) { try AuditPeriod(sinceText: "2026-11-02", untilText: "2026-11-01") }
        #expect(throws: AuditReportError.self) {
            try AuditSummaryBuilder.summarize(files: ["/nonexistent/audit.jsonl"], period: AuditPeriod())
        }
    }

    @Test func progressReachesTheTotal() throws {
        let path = try Self.auditFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var last = (0, 0)
        _ = try AuditSummaryBuilder.summarize(files: [path], period: AuditPeriod()) { last = ($0, $1) }
        #expect(last.0 == last.1 && last.1 > 0)
    }
}
