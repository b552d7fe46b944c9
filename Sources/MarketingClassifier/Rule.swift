/// One rule as written in a rule file: what it looks at, how much it weighs, and why.
public struct Rule: Sendable {
    /// Unique, stable identifier; shown in verdicts, headers, audit records and metrics.
    public var id: String
    /// One sentence for humans: which kind of evidence this is and why it counts.
    public var description: String
    /// Points per hit: positive for marketing evidence, negative for service evidence.
    public var score: Double
    /// How many occurrences count (each adds `score`); 1 means presence only.
    public var maxHits: Int
    /// An evidence group whose total is capped (see ``RuleGroup``), if any.
    public var group: String?
    /// What the rule matches.
    public var condition: RuleCondition
    /// 1-based line of the rule in its file, for error messages; 0 when built in code.
    public var line: Int
    /// The evidence promotes on its own inside one block of the message (a discount, a referral offer),
    /// as opposed to evidence about the message as a whole (list headers, tracking, newsletter layout).
    /// Block-level scoring counts only these rules, and never service evidence, so a receipt around a
    /// promotion cannot cancel it. Rule files set it with `promotes:`; by default a positive text, link or
    /// image rule promotes.
    public var promotes: Bool

    public init(
        id: String,
        description: String,
        score: Double,
        maxHits: Int = 1,
        group: String? = nil,
        condition: RuleCondition,
        promotes: Bool? = nil,
        line: Int = 0
    ) {
        self.id = id
        self.description = description
        self.score = score
        self.maxHits = maxHits
        self.group = group
        self.condition = condition
        self.line = line
        self.promotes = promotes ?? (score > 0 && condition.readsBlocks)
    }

    /// The stage this rule needs before it can be evaluated.
    public var stage: Stage { self.condition.stage }
}

/// A named evidence group whose members together count at most `max` (and at least `min`).
///
/// Groups keep one kind of evidence from flipping a verdict alone: ten discount phrases in a
/// newsletter are one kind of signal, not ten.
public struct RuleGroup: Sendable, Hashable {
    public var name: String
    public var max: Double?
    public var min: Double?

    public init(name: String, max: Double? = nil, min: Double? = nil) {
        self.name = name
        self.max = max
        self.min = min
    }

    /// The group total clamped into `[min, max]`.
    public func clamp(_ total: Double) -> Double {
        var value = total
        if let max = self.max, value > max { value = max }
        if let min = self.min, value < min { value = min }
        return value
    }
}
