import MarketingClassifier
import Milter
import Policy
import Suppression
import Unsubscribe

/// Everything a message's decisions read, frozen when the message starts.
///
/// Immutable and `Sendable`: a reload builds a new snapshot off the mail path and swaps it in
/// ``SnapshotHolder``; messages already under way finish on the snapshot they started with.
public struct PolicySnapshot: Sendable {
    /// The version of optout-milter, for logs.
    public var version: String
    /// Counts successful builds from 1 (0: the placeholder before the first build); in every audit
    /// record, so a regulator can tell which list and rules judged a message.
    public var generation: Int
    public var configuration: OptOutMilterConfiguration
    public var policy: Policy
    public var classifier: MarketingClassifier
    public var suppression: SuppressionSnapshot
    /// Where audit records go; nil when `audit.path` is empty.
    public var audit: AuditLog?
    /// The rule file's identity when it was read, to notice a change (nil: the built-in pack).
    public var rulesStamp: FileStamp?

    public init(
        version: String = OptOutMilterVersion.current,
        generation: Int = 0,
        configuration: OptOutMilterConfiguration = OptOutMilterConfiguration(),
        classifier: MarketingClassifier = MarketingClassifier(),
        suppression: SuppressionSnapshot = .empty(),
        audit: AuditLog? = nil,
        rulesStamp: FileStamp? = nil,
        unsubscribe: UnsubscribeLinks? = nil
    ) {
        self.version = version
        self.generation = generation
        self.configuration = configuration
        self.policy = Policy(settings: configuration.policy)
        if let links = unsubscribe, let settings = configuration.unsubscribe {
            self.policy.unsubscribe = UnsubscribeHeaders(
                links: links,
                mode: settings.headers,
                normalizer: suppression.normalizer
            )
        }
        self.classifier = classifier
        self.suppression = suppression
        self.audit = audit
        self.rulesStamp = rulesStamp
    }

    /// What sessions on this snapshot need from the MTA.
    ///
    /// Connect (the client's address, for `outbound.networks`), MAIL (replying: out-of-scope mail
    /// is accepted there), RCPT (each recipient is looked up as it arrives), headers and body (the
    /// scanner), end of headers (replying: `scan: when-suppressed` accepts there). Every edit the
    /// actions may need.
    var requirements: MilterRequirements {
        MilterRequirements(
            actions: [.addHeaders, .changeHeaders, .addRecipients, .deleteRecipients, .quarantine],
            stages: [.connect, .mailFrom, .recipient, .header, .endOfHeaders, .body],
            replyingStages: self.configuration.scan == .whenSuppressed ? [.mailFrom, .endOfHeaders] : [.mailFrom]
        )
    }
}
