extension AuditSummary {
    /// One self-contained HTML page (no scripts, fonts or images from elsewhere): the figures, an
    /// inline SVG chart of daily counts and the tables. What a compliance officer hands over.
    public var html: String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>optout-milter compliance report</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #bbb; padding: 0.25em 0.75em; }
            td.n { text-align: right; }
            th { background: #eee; }
            #summary th { text-align: left; font-weight: normal; }
            .legend span { display: inline-block; width: 0.9em; height: 0.9em; margin: 0 0.3em 0 1em; }
            </style>
            </head>
            <body>
            <h1>optout-milter compliance report</h1>

            """
        page += "<p>Period: \(Self.escape(self.period.since ?? "start of the log")) to "
        page += "\(Self.escape(self.period.until ?? "end of the log")) (UTC). "
        page += "Records from \(Self.escape(self.first ?? "-")) to \(Self.escape(self.last ?? "-")).</p>\n"
        page += "<p>Audit files: \(Self.escape(self.files.joined(separator: ", "))).</p>\n"
        page += "<h2>Summary</h2>\n<table id=\"summary\">\n"
        let figures: [(String, Int)] = [
            ("Audited messages (in scope: marketing or an opted-out recipient)", self.auditedMessages),
            ("Marketing messages", self.marketingMessages),
            ("Messages judged in monitor mode", self.monitorMessages),
            ("Recipients", self.recipients),
            ("Opted-out recipients", self.suppressedRecipients),
            ("Unreadable lines skipped", self.unreadableLines),
        ]
        for (label, value) in figures {
            page += "<tr><th>\(Self.escape(label))</th><td class=\"n\">\(value)</td></tr>\n"
        }
        page += "</table>\n<h2>Daily counts</h2>\n"
        page += self.chart
        page += Self.table(
            id: "by-action",
            "Opted-out recipients by action",
            ("Action", "Recipients"),
            self.suppressedByAction
        )
        page += Self.table(
            id: "mislabelled",
            "Mislabelled service messages by sender",
            ("Sender", "Messages"),
            self.mislabelledBySender
        )
        page += Self.table(id: "rules", "Top rules", ("Rule", "Messages"), self.topRules)
        page += "<h2>Daily counts (table)</h2>\n<table id=\"days\">\n"
        page += "<tr><th>Date</th><th>Audited</th><th>Marketing</th><th>Opted-out recipients</th></tr>\n"
        for day in self.days {
            page += "<tr><td>\(day.date)</td><td class=\"n\">\(day.audited)</td><td class=\"n\">\(day.marketing)</td>"
            page += "<td class=\"n\">\(day.suppressedRecipients)</td></tr>\n"
        }
        page += "</table>\n</body>\n</html>\n"
        return page
    }

    /// Colours of the chart's two series.
    static let marketingColour = "#d9534f"
    static let suppressedColour = "#337ab7"

    /// A bar chart: per day, marketing messages and opted-out recipients side by side.
    var chart: String {
        let height = 200.0
        let barWidth = 14.0
        let left = 40.0
        let top = 10.0
        let peak = max(1, self.days.map { max($0.marketing, $0.suppressedRecipients) }.max() ?? 1)
        let width = left + Double(max(1, self.days.count)) * (2 * barWidth + 10) + 10
        var svg = "<svg id=\"daily-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
        svg += "width=\"\(Int(width))\" height=\"\(Int(height + top + 40))\" "
        svg += "aria-label=\"Marketing messages and opted-out recipients per day\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top + height)\" x2=\"\(width)\" y2=\"\(top + height)\" stroke=\"#444\"/>\n"
        svg += "<text x=\"\(left - 4)\" y=\"\(top + 10)\" text-anchor=\"end\" font-size=\"11\">\(peak)</text>\n"
        svg += "<text x=\"\(left - 4)\" y=\"\(top + height)\" text-anchor=\"end\" font-size=\"11\">0</text>\n"
        for (index, day) in self.days.enumerated() {
            let x = left + 5 + Double(index) * (2 * barWidth + 10)
            for (offset, value, colour, series) in [
                (0.0, day.marketing, Self.marketingColour, "marketing"),
                (barWidth, day.suppressedRecipients, Self.suppressedColour, "suppressed"),
            ] {
                let barHeight = height * Double(value) / Double(peak)
                svg += "<rect class=\"bar \(series)\" x=\"\(x + offset)\" y=\"\(top + height - barHeight)\" "
                svg += "width=\"\(barWidth - 1)\" height=\"\(barHeight)\" fill=\"\(colour)\">"
                svg += "<title>\(day.date): \(value) \(series)</title></rect>\n"
            }
            svg += "<text x=\"\(x + barWidth)\" y=\"\(top + height + 14)\" text-anchor=\"middle\" font-size=\"9\">"
            svg += "\(day.date.suffix(5))</text>\n"
        }
        svg += "</svg>\n"
        svg += "<p class=\"legend\"><span style=\"background:\(Self.marketingColour)\"></span>marketing messages"
        svg += "<span style=\"background:\(Self.suppressedColour)\"></span>opted-out recipients</p>\n"
        return svg
    }

    private static func table(id: String, _ title: String, _ headings: (String, String), _ counts: [Count]) -> String {
        var out = "<h2>\(Self.escape(title))</h2>\n<table id=\"\(id)\">\n"
        out += "<tr><th>\(headings.0)</th><th>\(headings.1)</th></tr>\n"
        for count in counts {
            out += "<tr><td>\(Self.escape(count.name))</td><td class=\"n\">\(count.count)</td></tr>\n"
        }
        if counts.isEmpty {
            out += "<tr><td colspan=\"2\">none</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
