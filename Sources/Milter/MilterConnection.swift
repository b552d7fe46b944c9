import CMilter
import Logging
import Synchronization

/// The per-connection object behind `smfi_setpriv`: the session and the connection's state machine,
/// and the libmilter side of what the machine decides.
///
/// The decisions (held verdicts, draining, end-of-message planning, message accounting) are in
/// ``MilterConnectionStateMachine``; this shell reads the runtime's draining flag, calls the session
/// when the machine says so, turns verdicts into statuses and replies, applies edits, logs failures,
/// and mirrors the machine's message accounting into ``MilterRuntime/messagesInProgress``.
///
/// libmilter's worker pool runs successive callbacks of one connection on different threads, one
/// at a time; the mutex is uncontended and gives the session the memory ordering it needs.
final class MilterConnection: Sendable {
    struct State {
        var session: any MilterSession
        var machine: MilterConnectionStateMachine
    }

    let runtime: MilterRuntime
    private let state: Mutex<State>

    init(runtime: MilterRuntime) {
        self.runtime = runtime
        let session = runtime.makeSession()
        self.state = Mutex(
            State(
                session: session,
                machine: MilterConnectionStateMachine(
                    requirements: session.requirements,
                    errorVerdict: runtime.errorVerdict
                )
            )
        )
    }

    /// Negotiates with the MTA's offer and returns what to request.
    func negotiate(offeredActions: MilterActions, offeredOptions: MilterProtocolOptions) -> MilterNegotiation {
        self.state.withLock { state in
            state.machine.negotiate(offeredActions: offeredActions, offeredOptions: offeredOptions)
        }
    }

    /// Runs one pre-EOM stage: calls the session if the machine says so, and replies.
    func handle(
        _ context: OpaquePointer,
        stage: MilterStages,
        event: (inout any MilterSession, MilterMacros) throws -> MilterVerdict
    ) -> sfsistat {
        self.state.withLock { state in
            let draining = self.runtime.draining.load(ordering: .relaxed)
            let action = self.counting(&state) { $0.machine.stageBegan(stage, draining: draining) }
            let answer: MilterConnectionStateMachine.StageReply
            switch action {
            case .reply(let reply):
                answer = reply
            case .callSession:
                do {
                    let verdict = try event(&state.session, MilterMacros(context: context))
                    answer = state.machine.sessionReturned(verdict, at: stage)
                } catch {
                    self.runtime.logger.error(
                        "session failed",
                        metadata: ["milter.stage": "\(stage.rawValue)", "error": "\(error)"]
                    )
                    answer = state.machine.sessionFailed(at: stage)
                }
            }
            return self.reply(context, answer.verdict, noReply: answer.noReply)
        }
    }

    /// End of message: the session's verdict and edits, applied through libmilter.
    func endOfMessage(_ context: OpaquePointer) -> sfsistat {
        self.state.withLock { state in
            // Counted out after the reply is set, as the message ends with this callback.
            self.counting(&state) { state in
                let draining = self.runtime.draining.load(ordering: .relaxed)
                let plan: MilterConnectionStateMachine.EndOfMessagePlan
                switch state.machine.endOfMessageBegan(draining: draining) {
                case .finish(let finished):
                    plan = finished
                case .callSession:
                    do {
                        let result = try state.session.endOfMessage(macros: MilterMacros(context: context))
                        plan = state.machine.sessionReturned(result)
                    } catch {
                        self.runtime.logger.error(
                            "session failed at end of message",
                            metadata: ["error": "\(error)"]
                        )
                        plan = state.machine.sessionFailedAtEndOfMessage()
                    }
                }
                return self.perform(plan, machine: state.machine, context: context)
            }
        }
    }

    func abort() {
        self.state.withLock { state in
            self.counting(&state) { state in
                state.machine.abort()
                state.session.abort()
            }
        }
    }

    func close() {
        self.state.withLock { state in
            self.counting(&state) { state in
                state.machine.close()
                state.session.close()
            }
        }
    }

    /// Applies the end-of-message plan and returns the status to give libmilter.
    private func perform(
        _ plan: MilterConnectionStateMachine.EndOfMessagePlan,
        machine: MilterConnectionStateMachine,
        context: OpaquePointer
    ) -> sfsistat {
        switch plan {
        case .refuse(let missing, let verdict):
            self.runtime.logger.error(
                "edit needs an action the MTA did not grant",
                metadata: ["milter.missing_actions": "\(missing.rawValue)"]
            )
            return self.reply(context, verdict, noReply: false)
        case .apply(let edits, let verdict):
            for edit in edits {
                guard MilterEditApplier.apply(edit, context: context) else {
                    self.runtime.logger.error("libmilter refused an edit", metadata: ["milter.edit": "\(edit)"])
                    return self.reply(context, machine.editRefused(), noReply: false)
                }
            }
            return self.reply(context, verdict, noReply: false)
        }
    }

    /// Runs `body` and mirrors the machine's change of ``MilterConnectionStateMachine/countsMessage``
    /// into the runtime's count of messages in progress, so that each admitted message is counted
    /// exactly once.
    private func counting<T>(_ state: inout State, _ body: (inout State) -> T) -> T {
        let counted = state.machine.countsMessage
        let result = body(&state)
        switch (counted, state.machine.countsMessage) {
        case (false, true):
            self.runtime.messagesInProgress.add(1, ordering: .relaxed)
        case (true, false):
            self.runtime.messagesInProgress.subtract(1, ordering: .relaxed)
        case (false, false), (true, true):
            break
        }
        return result
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
