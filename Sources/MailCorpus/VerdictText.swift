import Foundation
import MarketingClassifier

/// Human-readable rendering of verdicts for `check` and `eval`.
public enum VerdictText {
    /// `name: marketing score=… threshold=…` then one line per hit (at most `limit`).
    public static func render(_ verdict: Verdict, name: String, limit: Int = .max) -> String {
        var header =
            "\(name): \(verdict.label) score=\(Self.number(verdict.score)) threshold=\(Self.number(verdict.threshold))"
        if let declared = verdict.declaredCategory {
            header += " declared=\(declared)"
        }
        if verdict.mislabelled {
            header += " MISLABELLED"
        }
        if verdict.isMixed {
            header += " MIXED"
        }
        if let model = verdict.model {
            header += " model=\"\(model)\""
        }
        if !verdict.blocks.isEmpty {
            header += " message=\(Self.number(verdict.messageScore))"
        }
        var lines = [header]
        // The blocks that promote on their own come first: they are the evidence of a mixed verdict.
        for block in verdict.blocks.prefix(limit) {
            lines.append(
                "  block part \(block.part) #\(block.block) at \(block.offset) score=\(Self.number(block.score)): \(block.excerpt)"
            )
            for hit in block.hits.prefix(3) {
                lines.append("      +\(Self.number(hit.score)) \(hit.ruleID): \(hit.evidence)")
            }
        }
        for hit in verdict.hits.prefix(limit) {
            let count = hit.count > 1 ? " x\(hit.count)" : ""
            let score = (hit.score >= 0 ? "+" : "") + Self.number(hit.score)
            lines.append(
                "  \(score.padding(toLength: 6, withPad: " ", startingAt: 0)) \(hit.ruleID)\(count): \(hit.evidence)"
            )
        }
        for cap in verdict.cappedGroups {
            lines.append("  group \(cap.group) capped: \(Self.number(cap.raw)) counted as \(Self.number(cap.counted))")
        }
        return lines.joined(separator: "\n")
    }

    /// One decimal, as scores and thresholds are printed everywhere.
    public static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
