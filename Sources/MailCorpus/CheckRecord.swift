import MarketingClassifier

/// One `check --json` line: the file name and the verdict's fields, flat, so `jq` needs no nesting.
public struct CheckRecord: Encodable {
    public var file: String
    public var verdict: Verdict

    public init(file: String, verdict: Verdict) {
        self.file = file
        self.verdict = verdict
    }

    enum CodingKeys: String, CodingKey {
        case file, marketing, score, threshold, declaredCategory, mislabelled, hits, cappedGroups
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.file, forKey: .file)
        try container.encode(self.verdict.isMarketing, forKey: .marketing)
        try container.encode(self.verdict.score, forKey: .score)
        try container.encode(self.verdict.threshold, forKey: .threshold)
        try container.encodeIfPresent(self.verdict.declaredCategory, forKey: .declaredCategory)
        try container.encode(self.verdict.mislabelled, forKey: .mislabelled)
        try container.encode(self.verdict.hits, forKey: .hits)
        try container.encode(self.verdict.cappedGroups, forKey: .cappedGroups)
    }
}
