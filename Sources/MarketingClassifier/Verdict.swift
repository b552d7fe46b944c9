/// The classifier's answer for one message, with the evidence behind it.
///
/// `score` and `threshold` are in one unit, so `abs(score - threshold)` says how close a call was. With
/// rule scores that unit is the rules' points; with a learnt model it is `5 + log-odds` of marketing (5
/// is the point of even odds, as 5 points was the rules' threshold).
public struct Verdict: Sendable, Hashable, Codable {
    /// The larger of the message-level score and the strongest block's own score.
    public var score: Double
    public var threshold: Double
    /// `score >= threshold`: the message as a whole, or one of its blocks on its own, is marketing.
    public var isMarketing: Bool
    /// The message-level evidence alone (service evidence included), in the units of `score`.
    public var messageScore: Double
    /// Blocks that promote on their own (their own score at or above the threshold), strongest first.
    public var blocks: [BlockEvidence]
    /// Marketing because of a promotional block in a message that also carries service evidence (a
    /// receipt, a code, a declared service category): the American Express case.
    public var isMixed: Bool
    /// `marketing/mixed`, `marketing/newsletter`, `marketing/promotion`, `service` or `not-marketing`.
    public var category: String
    /// The learnt model that weighed the evidence (its manifest name), or nil for the rules' own scores.
    public var model: String?
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
        declaredCategory: String? = nil,
        messageScore: Double? = nil,
        blocks: [BlockEvidence] = [],
        model: String? = nil
    ) {
        self.score = score
        self.threshold = threshold
        self.isMarketing = score >= threshold
        self.messageScore = messageScore ?? score
        self.blocks = blocks
        self.hits = hits
        self.cappedGroups = cappedGroups
        self.declaredCategory = declaredCategory
        self.model = model
        self.mislabelled = self.isMarketing && Self.declaresService(declaredCategory)
        let service = Self.declaresService(declaredCategory) || hits.contains { $0.group == "service" }
        self.isMixed = self.isMarketing && service && !blocks.isEmpty
        if self.isMixed {
            self.category = "marketing/mixed"
        } else if self.isMarketing {
            let bulk = hits.contains { ($0.group == "newsletter" || $0.group == "platform") && $0.score > 0 }
            self.category = bulk ? "marketing/newsletter" : "marketing/promotion"
        } else {
            self.category = service ? "service" : "not-marketing"
        }
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
