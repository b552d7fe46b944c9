import CMilter

/// What a session decides at a stage: go on, or end the message (or recipient) one way or another.
public enum MilterVerdict: Sendable, Hashable {
    /// Go on with the next stage.
    case `continue`
    /// Accept the message (or, at RCPT, the recipient) without looking further.
    case accept
    /// Reject with a 5xx, optionally with a custom reply.
    case reject(MilterReply?)
    /// Temporarily fail with a 4xx (the MTA retries), optionally with a custom reply.
    case tempfail(MilterReply?)
    /// Accept and silently drop the message.
    case discard

    /// Reject with the MTA's default reply.
    public static let reject = Self.reject(nil)
    /// Tempfail with the MTA's default reply.
    public static let tempfail = Self.tempfail(nil)

    /// The libmilter status for this verdict, and the reply to set before returning it (nil when
    /// there is none or when it does not fit the verdict: a custom reply never changes the verdict's
    /// class, so a 4xx reply cannot turn a reject into a tempfail).
    ///
    /// - Parameter noReply: the MTA was told not to wait for a reply at this stage; only `.continue`
    ///   is possible there and it maps to `SMFIS_NOREPLY`.
    func status(noReply: Bool) -> (status: Int32, reply: MilterReply?) {
        switch self {
        case .continue:
            return (noReply ? Int32(SMFIS_NOREPLY) : Int32(SMFIS_CONTINUE), nil)
        case .accept:
            return (Int32(SMFIS_ACCEPT), nil)
        case .discard:
            return (Int32(SMFIS_DISCARD), nil)
        case .reject(let reply):
            return (Int32(SMFIS_REJECT), reply.flatMap { $0.isValid(forClass: "5") ? $0 : nil })
        case .tempfail(let reply):
            return (Int32(SMFIS_TEMPFAIL), reply.flatMap { $0.isValid(forClass: "4") ? $0 : nil })
        }
    }

    /// Whether this verdict ends the message (everything but `.continue`).
    var isFinal: Bool {
        if case .continue = self {
            return false
        }
        return true
    }
}
