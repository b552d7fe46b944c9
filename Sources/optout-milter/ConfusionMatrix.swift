/// Counts of a binary marketing / not-marketing evaluation and the figures derived from them.
struct ConfusionMatrix: Encodable {
    /// Marketing, classified marketing.
    var truePositives = 0
    /// Not marketing, classified marketing.
    var falsePositives = 0
    /// Marketing, classified not marketing.
    var falseNegatives = 0
    /// Not marketing, classified not marketing.
    var trueNegatives = 0

    mutating func add(actual: Bool, predicted: Bool) {
        switch (actual, predicted) {
        case (true, true): self.truePositives += 1
        case (false, true): self.falsePositives += 1
        case (true, false): self.falseNegatives += 1
        case (false, false): self.trueNegatives += 1
        }
    }

    var total: Int { self.truePositives + self.falsePositives + self.falseNegatives + self.trueNegatives }

    /// TP / (TP + FP); nil when nothing was classified marketing.
    var precision: Double? {
        let flagged = self.truePositives + self.falsePositives
        return flagged == 0 ? nil : Double(self.truePositives) / Double(flagged)
    }

    /// TP / (TP + FN); nil when there is no marketing row.
    var recall: Double? {
        let positives = self.truePositives + self.falseNegatives
        return positives == 0 ? nil : Double(self.truePositives) / Double(positives)
    }

    enum CodingKeys: String, CodingKey {
        case truePositives = "tp"
        case falsePositives = "fp"
        case falseNegatives = "fn"
        case trueNegatives = "tn"
        case precision, recall
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.truePositives, forKey: .truePositives)
        try container.encode(self.falsePositives, forKey: .falsePositives)
        try container.encode(self.falseNegatives, forKey: .falseNegatives)
        try container.encode(self.trueNegatives, forKey: .trueNegatives)
        try container.encode(self.precision, forKey: .precision)
        try container.encode(self.recall, forKey: .recall)
    }

    /// The matrix as aligned text lines.
    func rendered(title: String) -> [String] {
        [
            "\(title) (\(self.total) messages)",
            "                      classified marketing   classified not",
            "  labelled marketing  \(Self.pad(self.truePositives))   \(Self.pad(self.falseNegatives))",
            "  labelled not        \(Self.pad(self.falsePositives))   \(Self.pad(self.trueNegatives))",
            "  precision \(Self.figure(self.precision))  recall \(Self.figure(self.recall))",
        ]
    }

    static func figure(_ value: Double?) -> String {
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
