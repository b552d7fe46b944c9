import Foundation
import MarketingClassifier
import Policy
import Suppression

extension PolicySimulator.Result {
    /// What each recipient gets, in RCPT order (the audit record's outcomes, or "delivered" when
    /// the message would not be audited).
    var outcomes: [Decision.Outcome] {
        self.audit?.recipients.map(\.outcome) ?? self.recipients.map { _ in .delivered }
    }

    /// The SMTP answer at end of DATA.
    var reply: String {
        switch self.decision.disposition {
        case .accept: "250 accepted"
        case .reject(let code, let extended, let text): [code, extended, text].compactMap { $0 }.joined(separator: " ")
        case .internalError(let why): "on_internal_error (\(why))"
        }
    }

    /// The human-readable report.
    public var text: String {
        var out = "verdict: \(self.verdict.label)  score \(self.verdict.score)  threshold \(self.verdict.threshold)"
        if self.decision.uncertain { out += "  (uncertain)" }
        out += "\n"
        for hit in self.verdict.hits.prefix(12) {
            out += "  \(hit.score >= 0 ? "+" : "")\(hit.score)  \(hit.ruleID)\n"
        }
        if let declared = self.audit?.declaredCategory {
            out += "declared: \(declared)\(self.decision.mislabelled ? "  MISLABELLED" : "")\n"
        }
        out += "action: \(self.decision.action?.description ?? "none")\n"
        out += "reply: \(self.reply)\n"
        out += "recipients:\n"
        for (lookup, outcome) in zip(self.recipients, self.outcomes) {
            let status: String
            switch lookup.result {
            case .notSuppressed: status = "not suppressed"
            case .suppressed(let match): status = "suppressed by \(match)"
            case .failed(let why): status = "lookup failed: \(why)"
            }
            out += "  \(lookup.recipient): \(outcome.rawValue) (\(status))\n"
        }
        if !self.decision.headerValue.isEmpty {
            out += "header: \(self.decision.headerValue)\n"
        }
        if let unsubscribe = self.decision.unsubscribe {
            out += "unsubscribe: \(unsubscribe.label)\n"
        }
        for edit in self.decision.edits {
            out += "edit: \(edit)\n"
        }
        return out
    }

    /// The report as one JSON object.
    public var json: String {
        struct Recipient: Encodable {
            var address: String
            var suppressed: Bool
            var entry: Int64?
            var outcome: String
            var error: String?
        }
        struct Report: Encodable {
            var verdict: String
            var score: Double
            var threshold: Double
            var rules: [String]
            var action: String
            var mode: String
            var mislabelled: Bool
            var uncertain: Bool
            var reply: String
            var header: String
            var unsubscribe: String?
            var recipients: [Recipient]
            var edits: [String]
        }
        let report = Report(
            verdict: self.verdict.label,
            score: self.verdict.score,
            threshold: self.verdict.threshold,
            rules: self.verdict.hits.map(\.ruleID),
            action: self.decision.action?.description ?? "none",
            mode: self.audit?.mode ?? "enforce",
            mislabelled: self.decision.mislabelled,
            uncertain: self.decision.uncertain,
            reply: self.reply,
            header: self.decision.headerValue,
            unsubscribe: self.decision.unsubscribe?.label,
            recipients: zip(self.recipients, self.outcomes).map { lookup, outcome in
                Recipient(
                    address: lookup.recipient,
                    suppressed: lookup.isSuppressed,
                    entry: lookup.entryID,
                    outcome: outcome.rawValue,
                    error: lookup.failure
                )
            },
            edits: self.decision.edits.map { "\($0)" }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
