/// The `actions:` section: which ``PolicyAction`` applies in each situation.
public struct PolicyActions: Sendable, Hashable {
    /// `actions.suppressed`: marketing with at least one suppressed recipient. Default
    /// `remove-recipient`.
    public var suppressed: PolicyAction
    /// `actions.all_suppressed`: every recipient is suppressed. Default `reject`.
    public var allSuppressed: PolicyAction
    /// `actions.mislabelled`: declared service, classified marketing, at least one suppressed
    /// recipient (the American Express case). Default `quarantine`.
    public var mislabelled: PolicyAction
    /// `actions.uncertain`: the score is within the uncertain band of the threshold. Default `tag`:
    /// never block mail on a coin flip.
    public var uncertain: PolicyAction
    /// `actions.reject_text`: the reply of `reject`, `"5.7.1 Recipient has opted out of marketing mail"`
    /// by default (an enhanced status code, then the text; the SMTP code is 550).
    public var rejectText: String

    public init(
        suppressed: PolicyAction = .removeRecipient,
        allSuppressed: PolicyAction = .reject,
        mislabelled: PolicyAction = .quarantine,
        uncertain: PolicyAction = .tag,
        rejectText: String = "5.7.1 Recipient has opted out of marketing mail"
    ) {
        self.suppressed = suppressed
        self.allSuppressed = allSuppressed
        self.mislabelled = mislabelled
        self.uncertain = uncertain
        self.rejectText = rejectText
    }
}
