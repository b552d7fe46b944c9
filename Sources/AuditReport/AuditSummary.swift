import Policy

/// What the audit trail shows over a period: the counts a compliance officer hands over.
///
/// The audit trail holds the in-scope messages that were marketing or had an opted-out recipient
/// (README, "Audit trail"), so "audited messages" counts those, not all outbound mail.
public struct AuditSummary: Sendable, Hashable, Codable {
    /// One calendar day (UTC).
    public struct Day: Sendable, Hashable, Codable {
        /// `YYYY-MM-DD`.
        public var date: String
        public var audited = 0
        public var marketing = 0
        /// Recipients that had opted out.
        public var suppressedRecipients = 0

        public init(date: String) {
            self.date = date
        }
    }

    /// A name and how often it occurred, for the ranked tables.
    public struct Count: Sendable, Hashable, Codable {
        public var name: String
        public var count: Int

        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    public var period: AuditPeriod
    public var files: [String]
    /// Time of the first and last record counted.
    public var first: String?
    public var last: String?
    /// Lines that were not audit records (a torn last line after a crash, for instance).
    public var unreadableLines = 0
    public var auditedMessages = 0
    public var marketingMessages = 0
    /// Messages judged in monitor mode (the action was logged, not taken).
    public var monitorMessages = 0
    public var recipients = 0
    public var suppressedRecipients = 0
    /// Opted-out recipients by the action taken (`remove-recipient`, `reject`, ...).
    public var suppressedByAction: [Count] = []
    /// Declared service mail that was classified marketing, by envelope sender.
    public var mislabelledBySender: [Count] = []
    /// Rules by the number of messages they matched, most first.
    public var topRules: [Count] = []
    public var days: [Day] = []

    public init(period: AuditPeriod, files: [String]) {
        self.period = period
        self.files = files
    }
}
