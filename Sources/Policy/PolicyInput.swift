import Foundation
import MarketingClassifier

/// What the milter knows about one message at end of message: the values ``Policy/decide(_:)``
/// reads. Built by the milter session (or by `simulate` from a file).
public struct PolicyInput: Sendable {
    /// The envelope sender without angle brackets; empty for the null sender.
    public var sender: String
    /// Every recipient in RCPT order, with its lookup.
    public var recipients: [RecipientLookup]
    /// The classifier's verdict on the content.
    public var verdict: Verdict
    /// The value of the declared-category header, if the message had one.
    public var declaredHeader: String?
    /// The addresses of the From: header.
    public var fromAddresses: [String]
    /// How many times the declared-category header occurs (each is removed when configured).
    public var declaredHeaderCount: Int
    /// How many `List-Unsubscribe` fields the message has (kept or replaced per `unsubscribe.headers`).
    public var listUnsubscribeCount: Int
    /// How many `List-Unsubscribe-Post` fields it has.
    public var listUnsubscribePostCount: Int
    /// The scanner stopped early (a size or structure limit): the verdict saw only part of the message.
    public var scanIncomplete: Bool
    /// The MTA's queue id, when it sent one.
    public var queueID: String?
    /// The Message-ID header, if any.
    public var messageID: String?
    /// When the decision is made.
    public var time: Date
    /// The snapshot generation the message was judged with.
    public var generation: Int

    public init(
        sender: String,
        recipients: [RecipientLookup],
        verdict: Verdict,
        declaredHeader: String? = nil,
        fromAddresses: [String] = [],
        declaredHeaderCount: Int? = nil,
        listUnsubscribeCount: Int = 0,
        listUnsubscribePostCount: Int = 0,
        scanIncomplete: Bool = false,
        queueID: String? = nil,
        messageID: String? = nil,
        time: Date = Date(),
        generation: Int = 0
    ) {
        self.sender = sender
        self.recipients = recipients
        self.verdict = verdict
        self.declaredHeader = declaredHeader
        self.fromAddresses = fromAddresses
        self.declaredHeaderCount = declaredHeaderCount ?? (declaredHeader == nil ? 0 : 1)
        self.listUnsubscribeCount = listUnsubscribeCount
        self.listUnsubscribePostCount = listUnsubscribePostCount
        self.scanIncomplete = scanIncomplete
        self.queueID = queueID
        self.messageID = messageID
        self.time = time
        self.generation = generation
    }
}
