import Foundation

/// One line of the audit trail: what happened to one message and why, for a regulator.
///
/// Encoded as one JSON object per line (JSON Lines) with snake_case keys. Addresses are plain
/// here; the audit writer replaces them by their SHA-256 when `audit.recipients: sha256`.
public struct AuditRecord: Sendable, Hashable, Codable {
    public struct Recipient: Sendable, Hashable, Codable {
        public var address: String
        public var suppressed: Bool
        public var outcome: Decision.Outcome
        /// The suppression entry that matched (its id), when suppressed.
        public var entry: Int64?

        public init(address: String, suppressed: Bool, outcome: Decision.Outcome, entry: Int64? = nil) {
            self.address = address
            self.suppressed = suppressed
            self.outcome = outcome
            self.entry = entry
        }
    }

    /// RFC 3339 UTC, milliseconds.
    public var time: String
    public var queueID: String?
    public var messageID: String?
    public var sender: String
    public var recipients: [Recipient]
    public var redirectTo: String?
    /// `marketing` or `not-marketing`.
    public var verdict: String
    public var score: Double
    public var threshold: Double
    public var rules: [String]
    public var declaredCategory: String?
    public var declaredService: Bool
    public var mislabelled: Bool
    public var uncertain: Bool
    /// remove-recipient | reject | quarantine | redirect | tag | none
    public var action: String
    /// enforce | monitor
    public var mode: String
    public var generation: Int
    /// One-click unsubscribe, when configured and the message was marketing and accepted: `added`,
    /// or why no link was added (`several-recipients`, `present`, `not-delivered`, `no-address`).
    public var unsubscribe: String?

    enum CodingKeys: String, CodingKey {
        case time
        case queueID = "queue_id"
        case messageID = "message_id"
        case sender
        case recipients
        case redirectTo = "redirect_to"
        case verdict
        case score
        case threshold
        case rules
        case declaredCategory = "declared_category"
        case declaredService = "declared_service"
        case mislabelled
        case uncertain
        case action
        case mode
        case generation
        case unsubscribe
    }
}
