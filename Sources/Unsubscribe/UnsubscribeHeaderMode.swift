/// What happens to a `List-Unsubscribe` the sender already put on a message.
public enum UnsubscribeHeaderMode: String, Sendable, Hashable, CaseIterable {
    /// Keep the sender's own headers and add none (the default: the sender's list tool already
    /// offers a way out).
    case addIfMissing = "add-if-missing"
    /// Remove the sender's `List-Unsubscribe` and `List-Unsubscribe-Post` and add the milter's, so
    /// that every opt-out lands in the list the milter enforces.
    case replace
}
