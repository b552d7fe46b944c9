import Suppression

/// One envelope recipient and what the suppression list said about it at RCPT time.
public struct RecipientLookup: Sendable, Hashable {
    /// The recipient exactly as the MTA sent it at RCPT (what `smfi_delrcpt` must be given).
    public var recipient: String
    public var result: Result

    public init(recipient: String, result: Result) {
        self.recipient = recipient
        self.result = result
    }

    /// The lookup's outcome. A failure is kept as such: it must never read as "not suppressed".
    public enum Result: Sendable, Hashable {
        case notSuppressed
        case suppressed(SuppressionMatch)
        /// The address could not be parsed or the lookup failed; the text says why.
        case failed(String)
    }

    public var isSuppressed: Bool {
        if case .suppressed = self.result { return true }
        return false
    }

    /// The id of the suppression entry that matched, when suppressed.
    public var entryID: Int64? {
        if case .suppressed(let match) = self.result { return match.entryID }
        return nil
    }

    public var failure: String? {
        if case .failed(let why) = self.result { return why }
        return nil
    }
}
