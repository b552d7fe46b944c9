/// Counts of a binary marketing / not-marketing evaluation and the figures derived from them.
public struct ConfusionMatrix: Encodable, Sendable, Equatable {
    /// Marketing, classified marketing.
    public var truePositives = 0
    /// Not marketing, classified marketing.
    public var falsePositives = 0
    /// Marketing, classified not marketing.
    public var falseNegatives = 0
    /// Not marketing, classified not marketing.
    public var trueNegatives = 0

    public init() {}

    /// Counts one message: `actual` is the label, `predicted` the classifier's answer.
    public mutating func add(actual: Bool, predicted: Bool) {
        switch (actual, predicted) {
        case (true, true): self.truePositives += 1
        case (false, true): self.falsePositives += 1
        case (true, false): self.falseNegatives += 1
        case (false, false): self.trueNegatives += 1
        }
    }

    public var total: Int { self.truePositives + self.falsePositives + self.falseNegatives + self.trueNegatives }

    /// TP / (TP + FP); nil when nothing was classified marketing.
    public var precision: Double? {
        let flagged = self.truePositives + self.falsePositives
        return flagged == 0 ? nil : Double(self.truePositives) / Double(flagged)
    }

    /// TP / (TP + FN); nil when there is no marketing row.
    public var recall: Double? {
        let positives = self.truePositives + self.falseNegatives
        return positives == 0 ? nil : Double(self.truePositives) / Double(positives)
    }

    /// The harmonic mean of precision and recall; nil when either is undefined or both are 0.
    public var f1: Double? {
        guard let precision = self.precision, let recall = self.recall, precision + recall > 0 else { return nil }
        return 2 * precision * recall / (precision + recall)
    }

    enum CodingKeys: String, CodingKey {
        case truePositives = "tp"
        case falsePositives = "fp"
        case falseNegatives = "fn"
        case trueNegatives = "tn"
        case precision, recall
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.truePositives, forKey: .truePositives)
        try container.encode(self.falsePositives, forKey: .falsePositives)
        try container.encode(self.falseNegatives, forKey: .falseNegatives)
        try container.encode(self.trueNegatives, forKey: .trueNegatives)
        try container.encode(self.precision, forKey: .precision)
        try container.encode(self.recall, forKey: .recall)
    }

    /// The matrix as aligned text lines.
    public func rendered(title: String) -> [String] {
        [
            "\(title) (\(self.total) messages)",
            "                      classified marketing   classified not",
            "  labelled marketing  \(Self.pad(self.truePositives))   \(Self.pad(self.falseNegatives))",
            "  labelled not        \(Self.pad(self.falsePositives))   \(Self.pad(self.trueNegatives))",
            "  precision \(Self.figure(self.precision))  recall \(Self.figure(self.recall))",
        ]
    }

    /// Three decimals (`0.857`), or `n/a` for a figure that divides by zero.
    public static func figure(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    private static func pad(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, 20 - text.count)) + text
    }
}
