/// The classifier's answer for one message, with the evidence behind it.
public struct Verdict: Sendable, Hashable, Codable {
    /// Sum of hit scores after group caps.
    public var score: Double
    public var threshold: Double
    /// `score >= threshold`.
    public var isMarketing: Bool
    /// Every rule that fired, strongest first.
    public var hits: [Hit]
    /// Groups whose total was capped: name and the score removed (positive or negative).
    public var cappedGroups: [GroupCap]
    /// The value of the declared-category header, lowercased and trimmed, if present.
    public var declaredCategory: String?
    /// The sender declared the message a service mail but its content makes it marketing.
    public var mislabelled: Bool

    public init(
        score: Double,
        threshold: Double,
        hits: [Hit],
        cappedGroups: [GroupCap] = [],
        declaredCategory: String? = nil
    ) {
        self.score = score
        self.threshold = threshold
        self.isMarketing = score >= threshold
        self.hits = hits
        self.cappedGroups = cappedGroups
        self.declaredCategory = declaredCategory
        self.mislabelled = self.isMarketing && Self.declaresService(declaredCategory)
    }

    /// `marketing` or `not-marketing`, the word used in headers and logs.
    public var label: String { self.isMarketing ? "marketing" : "not-marketing" }

    private static func declaresService(_ category: String?) -> Bool {
        guard let category else { return false }
        return ["service", "transactional", "servicing", "operational"].contains(category)
    }

    /// One rule that fired.
    public struct Hit: Sendable, Hashable, Codable {
        public var ruleID: String
        public var description: String
        /// The rule's score times the occurrences counted (before any group cap).
        public var score: Double
        /// Occurrences counted (at most the rule's `max_hits`).
        public var count: Int
        public var group: String?
        /// A short excerpt of what matched, white space collapsed.
        public var evidence: String

        public init(ruleID: String, description: String, score: Double, count: Int, group: String?, evidence: String) {
            self.ruleID = ruleID
            self.description = description
            self.score = score
            self.count = count
            self.group = group
            self.evidence = evidence
        }
    }

    /// A group whose members' total was clamped.
    public struct GroupCap: Sendable, Hashable, Codable {
        public var group: String
        /// The members' total before the cap.
        public var raw: Double
        /// What the group counted for.
        public var counted: Double

        public init(group: String, raw: Double, counted: Double) {
            self.group = group
            self.raw = raw
            self.counted = counted
        }
    }
}
