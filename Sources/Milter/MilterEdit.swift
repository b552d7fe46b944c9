/// A modification of the message, returned by a session at end of message (the only stage at which
/// libmilter and Postfix allow them).
public enum MilterEdit: Sendable, Hashable {
    /// Append a header at the end of the header block.
    case addHeader(name: String, value: String)
    /// Insert a header at a 0-based position in the header block (0 is the top).
    case insertHeader(index: Int, name: String, value: String)
    /// Replace the value of the `index`-th (1-based) header called `name`; a nil value deletes it.
    case changeHeader(name: String, index: Int, value: String?)
    /// Add an envelope recipient.
    case addRecipient(String)
    /// Delete an envelope recipient, spelled as the MTA sent it at RCPT.
    case deleteRecipient(String)
    /// Put the message in quarantine (Postfix: the hold queue) with a reason.
    case quarantine(reason: String)

    /// The action that must have been negotiated for this edit.
    public var requiredAction: MilterActions {
        switch self {
        case .addHeader, .insertHeader: return .addHeaders
        case .changeHeader: return .changeHeaders
        case .addRecipient: return .addRecipients
        case .deleteRecipient: return .deleteRecipients
        case .quarantine: return .quarantine
        }
    }
}
