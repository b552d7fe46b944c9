/// What the policy decided for one message: what the MTA is told, the edits, the header and the
/// audit record. A value: the milter applies it, `simulate` prints it.
public struct Decision: Sendable, Hashable {
    /// The message's fate at the MTA.
    public enum Disposition: Sendable, Hashable {
        /// Deliver (after the edits).
        case accept
        /// Refuse with this reply (`550`, enhanced code, text).
        case reject(code: String, extendedCode: String?, text: String)
        /// Something failed inside the filter: the configured `on_internal_error` applies.
        case internalError(String)
    }

    /// A change to the message, applied at end of message in this order.
    public enum Edit: Sendable, Hashable {
        case addHeader(name: String, value: String)
        /// Delete the `index`-th (1-based) header called `name`.
        case deleteHeader(name: String, index: Int)
        case deleteRecipient(String)
        case addRecipient(String)
        case quarantine(reason: String)

        /// Deletes all `count` fields called `name`, from the last to the first, so that each
        /// index still names the field it meant when its turn comes.
        static func deleteHeaders(name: String, count: Int) -> [Edit] {
            (0..<count).reversed().map { .deleteHeader(name: name, index: $0 + 1) }
        }
    }

    /// What happened to one recipient.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case delivered
        case removed
        case rejected
        case held
        case redirected
    }

    public var disposition: Disposition
    public var edits: [Edit]
    /// The action taken (or, in monitor mode, the one enforce would have taken); nil for none.
    public var action: PolicyAction?
    /// Declared service, classified marketing, at least one suppressed recipient.
    public var mislabelled: Bool
    /// The score sat within the uncertain band of the threshold.
    public var uncertain: Bool
    /// The policy header's value (also among ``edits`` when a header name is configured).
    public var headerValue: String
    /// The audit record, for messages that were marketing or had a suppressed recipient.
    public var audit: AuditRecord?
    /// Whether one-click unsubscribe headers were added, or why not; nil when not configured or
    /// the message is not delivered marketing.
    public var unsubscribe: UnsubscribeHeaders.Outcome?

    public init(
        disposition: Disposition,
        edits: [Edit],
        action: PolicyAction?,
        mislabelled: Bool,
        uncertain: Bool,
        headerValue: String,
        audit: AuditRecord?,
        unsubscribe: UnsubscribeHeaders.Outcome? = nil
    ) {
        self.disposition = disposition
        self.edits = edits
        self.action = action
        self.mislabelled = mislabelled
        self.uncertain = uncertain
        self.headerValue = headerValue
        self.audit = audit
        self.unsubscribe = unsubscribe
    }
}
