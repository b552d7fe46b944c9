/// The logic of one milter connection, without libmilter, locks or the session: given what happened,
/// it says what to do next.
///
/// ``MilterConnection`` holds one behind its mutex, performs the returned actions against libmilter
/// (macros, replies, edits) and calls the session when told to; the tests drive it directly through
/// whole SMTP sessions. What it decides:
/// - a final verdict at a stage negotiated without a reply is held and given at the next stage that
///   replies (end of message at the latest); an abort discards it, because it belongs to the aborted
///   message;
/// - a message that began during a graceful stop gets ``MilterRuntime/drainingVerdict`` at end of
///   message, without asking the session;
/// - a session error ends in the error verdict, and so does a set of edits the MTA did not grant or
///   one that libmilter refused;
/// - which message counts in the runtime's ``MilterRuntime/messagesInProgress`` (see
///   ``countsMessage``).
struct MilterConnectionStateMachine: Sendable {
    /// What to do when a stage before end of message arrives.
    enum StageAction: Sendable, Hashable {
        /// Call the session's handler for the stage, then report its answer with
        /// ``sessionReturned(_:at:)`` or ``sessionFailed(at:)``.
        case callSession
        /// Answer without calling the session.
        case reply(StageReply)
    }

    /// The answer to the MTA at a stage before end of message.
    struct StageReply: Sendable, Hashable {
        var verdict: MilterVerdict
        /// The MTA does not wait for a reply at this stage (the verdict is then `.continue`).
        var noReply: Bool

        init(_ verdict: MilterVerdict, noReply: Bool = false) {
            self.verdict = verdict
            self.noReply = noReply
        }
    }

    /// What to do when end of message arrives.
    enum EndOfMessageAction: Sendable, Hashable {
        /// Call the session's `endOfMessage`, then report its answer with ``sessionReturned(_:)`` or
        /// ``sessionFailedAtEndOfMessage()``.
        case callSession
        /// Answer without calling the session.
        case finish(EndOfMessagePlan)
    }

    /// How a message ends: the edits to apply and the verdict to reply with.
    enum EndOfMessagePlan: Sendable, Hashable {
        /// Apply the edits in order (report one libmilter refuses with ``editRefused()`` and apply no
        /// more), then reply with the verdict.
        case apply(edits: [MilterEdit], verdict: MilterVerdict)
        /// The edits need actions the MTA did not grant: apply none and reply with the verdict (the
        /// error verdict), since half a set of edits could deliver what policy meant to change.
        case refuse(missing: MilterActions, verdict: MilterVerdict)
    }

    /// Where the connection is in its message.
    private enum Message: Sendable, Hashable {
        /// Before the first MAIL, or after end of message or abort.
        case none
        /// Between MAIL and end of message or abort, begun before any graceful stop.
        case admitted
        /// Between MAIL and end of message or abort, begun during a graceful stop.
        case begunWhileDraining
    }

    /// What the session asked for; fixed for the connection.
    let requirements: MilterRequirements
    /// The verdict for every internal failure (`on_internal_error`).
    let errorVerdict: MilterVerdict
    /// What was agreed with the MTA; until it negotiates, every stage is sent and gets a reply.
    private(set) var negotiation: MilterNegotiation
    private var message = Message.none
    /// A final verdict returned at a stage that could not reply; given at the next one that can.
    private var pending: MilterVerdict?

    init(requirements: MilterRequirements, errorVerdict: MilterVerdict) {
        self.requirements = requirements
        self.errorVerdict = errorVerdict
        self.negotiation = .unnegotiated(requirements: requirements)
    }

    /// Whether the connection holds a message that counts in the runtime's messages in progress: one
    /// admitted (begun before a graceful stop) and not yet ended. A graceful stop waits for those.
    ///
    /// The shell mirrors every change of this into the runtime's counter, so each admitted message is
    /// counted once from MAIL and uncounted once at its end of message, abort or close, whichever
    /// comes first.
    var countsMessage: Bool {
        self.message == .admitted
    }

    /// Negotiates with the MTA's offer and returns what to request.
    mutating func negotiate(offeredActions: MilterActions, offeredOptions: MilterProtocolOptions) -> MilterNegotiation {
        self.negotiation = MilterNegotiation(
            offeredActions: offeredActions,
            offeredOptions: offeredOptions,
            requirements: self.requirements
        )
        return self.negotiation
    }

    /// A stage before end of message arrived.
    ///
    /// - Parameter draining: a graceful stop has begun (read only at MAIL, where a message begins).
    mutating func stageBegan(_ stage: MilterStages, draining: Bool) -> StageAction {
        let noReply = self.negotiation.isNoReply(stage)
        if stage == .mailFrom, self.message == .none {
            self.message = draining ? .begunWhileDraining : .admitted
        }
        if !noReply, let pending = self.pending {
            self.pending = nil
            return .reply(StageReply(pending))
        }
        guard self.requirements.stages.contains(stage) else {
            return .reply(StageReply(.continue, noReply: noReply))
        }
        return .callSession
    }

    /// The session answered a stage it was called for.
    mutating func sessionReturned(_ verdict: MilterVerdict, at stage: MilterStages) -> StageReply {
        let noReply = self.negotiation.isNoReply(stage)
        if noReply, verdict.isFinal {
            // The MTA does not wait for a reply here: keep the verdict for the next stage that can reply.
            self.pending = verdict
            return StageReply(.continue, noReply: true)
        }
        return StageReply(verdict, noReply: noReply)
    }

    /// The session threw at a stage: the error verdict, held like any other where the stage cannot reply.
    mutating func sessionFailed(at stage: MilterStages) -> StageReply {
        self.sessionReturned(self.errorVerdict, at: stage)
    }

    /// End of message arrived. A held verdict, or a message begun during a graceful stop, is answered
    /// without asking the session.
    mutating func endOfMessageBegan(draining: Bool) -> EndOfMessageAction {
        if let pending = self.pending {
            self.pending = nil
            return .finish(self.finish(MilterMessageResult(verdict: pending)))
        }
        if self.message == .begunWhileDraining, draining {
            return .finish(self.finish(MilterMessageResult(verdict: MilterRuntime.drainingVerdict)))
        }
        return .callSession
    }

    /// The session answered end of message.
    mutating func sessionReturned(_ result: MilterMessageResult) -> EndOfMessagePlan {
        self.finish(result)
    }

    /// The session threw at end of message.
    mutating func sessionFailedAtEndOfMessage() -> EndOfMessagePlan {
        self.finish(MilterMessageResult(verdict: self.errorVerdict))
    }

    /// libmilter refused an edit of an ``EndOfMessagePlan/apply(edits:verdict:)``: the verdict to
    /// reply with instead of the planned one.
    func editRefused() -> MilterVerdict {
        self.errorVerdict
    }

    /// The MTA aborted the message; call the session's `abort` too.
    mutating func abort() {
        // A held verdict belongs to the message being aborted, never to the next one.
        self.pending = nil
        self.message = .none
    }

    /// The connection closed; call the session's `close` too.
    mutating func close() {
        self.message = .none
    }

    /// Plans the end of message against the negotiated actions; the message ends here.
    private mutating func finish(_ result: MilterMessageResult) -> EndOfMessagePlan {
        self.message = .none
        switch result.plan(negotiated: self.negotiation.actions) {
        case .refuse(let missing):
            return .refuse(missing: missing, verdict: self.errorVerdict)
        case .apply(let edits, let verdict):
            return .apply(edits: edits, verdict: verdict)
        }
    }
}
