import Foundation
import MarketingClassifier

/// What `eval` measured: matrices for all, non-borderline and mixed rows, and the misses.
public struct EvalReport: Encodable {
    /// Every row but scam: marketing against service+other.
    public var all = ConfusionMatrix()
    /// The rows not marked borderline.
    public var nonBorderline = ConfusionMatrix()
    /// The rows marked mixed (only their recall is meaningful: they are mostly marketing).
    public var mixed = ConfusionMatrix()
    /// Messages labelled service that were classified marketing.
    public var serviceFlagged = 0
    /// Messages labelled service: the denominator of ``serviceFlagged``.
    public var serviceTotal = 0
    /// Scam rows, left out of every figure.
    public var excluded = 0
    /// Every row whose verdict disagrees with its label, in corpus order.
    public var misclassified: [Miss] = []

    /// A row the classifier got wrong, with what it saw.
    public struct Miss: Encodable {
        public var file: String
        public var label: String
        public var mixed: Bool
        public var borderline: Bool
        public var score: Double
        public var hits: [Verdict.Hit]
    }

    public init() {}

    /// Classifies every row of `corpus` (messages read from `root`) and counts the results.
    /// Throws ``MessageFilesError`` naming the labels line when a message cannot be read.
    public init(evaluating corpus: LabelledCorpus, root: String, classification: MessageClassification) throws {
        for row in corpus.rows {
            if row.label == .scam {
                self.excluded += 1
                continue
            }
            let path = LabelledCorpus.path(of: row, root: root)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MessageFilesError(path: path, reason: "cannot read message (labels line \(row.line))")
            }
            self.add(row: row, verdict: classification.classify([UInt8](data)))
        }
    }

    /// Counts one classified row in the matrices it belongs to; a scam row is the caller's to skip.
    public mutating func add(row: LabelledCorpus.Row, verdict: Verdict) {
        let actual = row.label == .marketing
        self.all.add(actual: actual, predicted: verdict.isMarketing)
        if !row.borderline {
            self.nonBorderline.add(actual: actual, predicted: verdict.isMarketing)
        }
        if row.mixed {
            self.mixed.add(actual: actual, predicted: verdict.isMarketing)
        }
        if row.label == .service {
            self.serviceTotal += 1
            if verdict.isMarketing { self.serviceFlagged += 1 }
        }
        if actual != verdict.isMarketing {
            self.misclassified.append(
                Miss(
                    file: row.file,
                    label: row.label.rawValue,
                    mixed: row.mixed,
                    borderline: row.borderline,
                    score: verdict.score,
                    hits: verdict.hits
                )
            )
        }
    }

    enum CodingKeys: String, CodingKey {
        case precision, recall
        case mixedRecall = "mixed_recall"
        case counts
        case nonBorderline = "non_borderline"
        case mixed
        case serviceFlagged = "service_flagged"
        case serviceTotal = "service_total"
        case excluded, misclassified
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.all.precision, forKey: .precision)
        try container.encode(self.all.recall, forKey: .recall)
        try container.encode(self.mixed.recall, forKey: .mixedRecall)
        try container.encode(self.all, forKey: .counts)
        try container.encode(self.nonBorderline, forKey: .nonBorderline)
        try container.encode(self.mixed, forKey: .mixed)
        try container.encode(self.serviceFlagged, forKey: .serviceFlagged)
        try container.encode(self.serviceTotal, forKey: .serviceTotal)
        try container.encode(self.excluded, forKey: .excluded)
        try container.encode(self.misclassified, forKey: .misclassified)
    }

    /// The human report: both matrices, mixed recall, service flagged, then each miss with
    /// at most `topHits` hits.
    public func rendered(topHits: Int) -> String {
        var lines: [String] = []
        lines += self.all.rendered(title: "All rows, marketing vs service+other")
        lines.append("")
        lines += self.nonBorderline.rendered(title: "Non-borderline rows")
        lines.append("")
        lines.append(
            "Mixed rows (service or discussion mail with a promotional element): recall "
                + "\(ConfusionMatrix.figure(self.mixed.recall)) (\(self.mixed.truePositives) of "
                + "\(self.mixed.truePositives + self.mixed.falseNegatives) detected)"
        )
        lines.append("Service-labelled messages flagged as marketing: \(self.serviceFlagged) of \(self.serviceTotal)")
        lines.append("Scam rows excluded: \(self.excluded)")
        lines.append("")
        lines.append("Misclassified (\(self.misclassified.count)):")
        for miss in self.misclassified {
            var tags = [miss.label]
            if miss.mixed { tags.append("mixed") }
            if miss.borderline { tags.append("borderline") }
            lines.append("  \(miss.file) [\(tags.joined(separator: ", "))] score=\(VerdictText.number(miss.score))")
            for hit in miss.hits.prefix(topHits) {
                lines.append("      \(VerdictText.number(hit.score)) \(hit.ruleID): \(hit.evidence)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
