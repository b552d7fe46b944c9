/// A session's answer at end of message: a verdict plus the edits to apply before it.
public struct MilterMessageResult: Sendable, Hashable {
    public var verdict: MilterVerdict
    public var edits: [MilterEdit]

    public init(verdict: MilterVerdict = .continue, edits: [MilterEdit] = []) {
        self.verdict = verdict
        self.edits = edits
    }

    /// Accept the message as it is.
    public static let accept = Self(verdict: .accept)

    /// What the binding does with this result, given the actions negotiated for the connection.
    public enum Plan: Sendable, Hashable {
        /// Apply the edits in order, then return the verdict.
        case apply(edits: [MilterEdit], verdict: MilterVerdict)
        /// An edit needs an action the MTA did not agree to: apply nothing, return the error verdict.
        case refuse(missing: MilterActions)
    }

    /// Plans the end of message. Edits are dropped when the verdict rejects, tempfails or discards the
    /// message (the MTA would throw them away), and the whole result is refused when an edit needs an
    /// action that was not negotiated: half a set of edits could deliver a message that policy meant
    /// to change.
    public func plan(negotiated: MilterActions) -> Plan {
        switch self.verdict {
        case .reject, .tempfail, .discard:
            return .apply(edits: [], verdict: self.verdict)
        case .continue, .accept:
            break
        }
        var needed: MilterActions = []
        for edit in self.edits {
            needed.formUnion(edit.requiredAction)
        }
        let missing = needed.subtracting(negotiated)
        guard missing.isEmpty else {
            return .refuse(missing: missing)
        }
        return .apply(edits: self.edits, verdict: self.verdict)
    }
}
