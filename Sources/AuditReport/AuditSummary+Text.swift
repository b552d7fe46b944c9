extension AuditSummary {
    /// A plain-text report for a terminal or an e-mail.
    public var text: String {
        var lines: [String] = []
        lines.append("optout-milter compliance report")
        lines.append("period:   \(self.period.since ?? "start of the log") to \(self.period.until ?? "end of the log")")
        lines.append("records:  \(self.first ?? "-") to \(self.last ?? "-")")
        lines.append("files:    \(self.files.joined(separator: ", "))")
        if self.unreadableLines > 0 {
            lines.append("unreadable lines skipped: \(self.unreadableLines)")
        }
        lines.append("")
        lines.append("audited messages (in scope: marketing or an opted-out recipient): \(self.auditedMessages)")
        lines.append("marketing messages:              \(self.marketingMessages)")
        lines.append("messages judged in monitor mode: \(self.monitorMessages)")
        lines.append("recipients:                      \(self.recipients)")
        lines.append("opted-out recipients:            \(self.suppressedRecipients)")
        lines += Self.table("Opted-out recipients by action", ("action", "recipients"), self.suppressedByAction)
        lines += Self.table("Mislabelled service messages by sender", ("sender", "messages"), self.mislabelledBySender)
        lines += Self.table("Top rules", ("rule", "messages"), self.topRules)
        lines.append("")
        lines.append("Daily counts")
        lines.append(Self.row(["date", "audited", "marketing", "opted-out recipients"], widths: [10, 8, 10, 21]))
        for day in self.days {
            lines.append(
                Self.row(
                    [day.date, "\(day.audited)", "\(day.marketing)", "\(day.suppressedRecipients)"],
                    widths: [10, 8, 10, 21]
                )
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func table(_ title: String, _ headings: (String, String), _ counts: [Count]) -> [String] {
        var lines = ["", title]
        guard !counts.isEmpty else { return lines + ["  (none)"] }
        let width = max(headings.0.count, counts.map(\.name.count).max() ?? 0)
        lines.append(Self.row([headings.0, headings.1], widths: [width, headings.1.count]))
        for count in counts {
            lines.append(Self.row([count.name, "\(count.count)"], widths: [width, headings.1.count]))
        }
        return lines
    }

    /// Columns padded to `widths`: the first left-aligned, the others right-aligned.
    private static func row(_ cells: [String], widths: [Int]) -> String {
        var out = " "
        for (index, cell) in cells.enumerated() {
            let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
            out += index == 0 ? " " + cell + pad : "  " + pad + cell
        }
        return out
    }
}
