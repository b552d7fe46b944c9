import CMilter
import Logging
import Synchronization

/// The per-connection object behind `smfi_setpriv`: the session plus what was negotiated.
///
/// libmilter's worker pool runs successive callbacks of one connection on different threads, one
/// at a time; the mutex is uncontended and gives the session the memory ordering it needs.
final class MilterConnection: Sendable {
    struct State {
        var session: any MilterSession
        var requirements: MilterRequirements
        var negotiation: MilterNegotiation
        /// Between MAIL and end of message/abort.
        var inMessage = false
        /// The message started before a graceful stop began.
        var admitted = true
        /// A final verdict returned at a stage that could not reply; applied at the next one that can.
        var pending: MilterVerdict?
    }

    let runtime: MilterRuntime
    private let state: Mutex<State>

    init(runtime: MilterRuntime) {
        self.runtime = runtime
        let session = runtime.makeSession()
        let requirements = session.requirements
        self.state = Mutex(
            State(
                session: session,
                requirements: requirements,
                negotiation: .unnegotiated(requirements: requirements)
            )
        )
    }

    /// Negotiates with the MTA's offer and returns what to request.
    func negotiate(offeredActions: MilterActions, offeredOptions: MilterProtocolOptions) -> MilterNegotiation {
        self.state.withLock { state in
            state.negotiation = MilterNegotiation(
                offeredActions: offeredActions,
                offeredOptions: offeredOptions,
                requirements: state.requirements,
                noReplyAllowed: self.runtime.noReplyAllowed
            )
            return state.negotiation
        }
    }

    /// Runs one pre-EOM stage: calls the session if it asked for the stage, maps the verdict.
    func handle(
        _ context: OpaquePointer,
        stage: MilterStages,
        event: (inout any MilterSession, MilterMacros) throws -> MilterVerdict
    ) -> sfsistat {
        self.state.withLock { state in
            let noReply = state.negotiation.isNoReply(stage)
            if stage == .mailFrom {
                self.beginMessage(&state)
            }
            if !noReply, let pending = state.pending {
                state.pending = nil
                return self.reply(context, pending, noReply: false)
            }
            guard state.requirements.stages.contains(stage) else {
                return self.reply(context, .continue, noReply: noReply)
            }
            var verdict: MilterVerdict
            do {
                verdict = try event(&state.session, MilterMacros(context: context))
            } catch {
                self.runtime.logger.error(
                    "session failed",
                    metadata: ["milter.stage": "\(stage.rawValue)", "error": "\(error)"]
                )
                verdict = self.runtime.errorVerdict
            }
            if noReply, verdict.isFinal {
                // The MTA does not wait for a reply here: keep the verdict for the next stage that can reply.
                state.pending = verdict
                verdict = .continue
            }
            return self.reply(context, verdict, noReply: noReply)
        }
    }

    /// End of message: the session's verdict and edits, applied through libmilter.
    func endOfMessage(_ context: OpaquePointer) -> sfsistat {
        self.state.withLock { state in
            defer { self.endMessage(&state) }
            var result: MilterMessageResult
            if let pending = state.pending {
                state.pending = nil
                result = MilterMessageResult(verdict: pending)
            } else if !state.admitted && self.runtime.draining.load(ordering: .relaxed) {
                result = MilterMessageResult(verdict: MilterRuntime.drainingVerdict)
            } else {
                do {
                    result = try state.session.endOfMessage(macros: MilterMacros(context: context))
                } catch {
                    self.runtime.logger.error("session failed at end of message", metadata: ["error": "\(error)"])
                    result = MilterMessageResult(verdict: self.runtime.errorVerdict)
                }
            }
            switch result.plan(negotiated: state.negotiation.actions) {
            case .refuse(let missing):
                self.runtime.logger.error(
                    "edit needs an action the MTA did not grant",
                    metadata: ["milter.missing_actions": "\(missing.rawValue)"]
                )
                return self.reply(context, self.runtime.errorVerdict, noReply: false)
            case .apply(let edits, let verdict):
                for edit in edits {
                    guard MilterEditApplier.apply(edit, context: context) else {
                        self.runtime.logger.error("libmilter refused an edit", metadata: ["milter.edit": "\(edit)"])
                        return self.reply(context, self.runtime.errorVerdict, noReply: false)
                    }
                }
                return self.reply(context, verdict, noReply: false)
            }
        }
    }

    func abort() {
        self.state.withLock { state in
            // A held verdict belongs to the message being aborted, never to the next one.
            state.pending = nil
            state.session.abort()
            self.endMessage(&state)
        }
    }

    func close() {
        self.state.withLock { state in
            state.session.close()
            self.endMessage(&state)
        }
    }

    private func beginMessage(_ state: inout State) {
        guard !state.inMessage else {
            return
        }
        state.inMessage = true
        state.admitted = !self.runtime.draining.load(ordering: .relaxed)
        if state.admitted {
            self.runtime.messagesInProgress.add(1, ordering: .relaxed)
        }
    }

    private func endMessage(_ state: inout State) {
        guard state.inMessage else {
            return
        }
        state.inMessage = false
        if state.admitted {
            self.runtime.messagesInProgress.subtract(1, ordering: .relaxed)
        }
    }

    private func reply(_ context: OpaquePointer, _ verdict: MilterVerdict, noReply: Bool) -> sfsistat {
        let (status, reply) = verdict.status(noReply: noReply)
        if let reply {
            if !MilterReplySetter.set(reply, context: context) {
                self.runtime.logger.warning("libmilter refused a custom reply", metadata: ["milter.reply": "\(reply)"])
            }
        }
        return status
    }
}
