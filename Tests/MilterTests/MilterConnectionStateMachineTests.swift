import Testing

@testable import Milter

/// Drives ``MilterConnectionStateMachine`` through whole SMTP sessions, as `MilterConnection` does,
/// and checks each action it returns.
@Suite struct MilterConnectionStateMachineTests {
    typealias Machine = MilterConnectionStateMachine
    typealias Reply = MilterConnectionStateMachine.StageReply

    /// Everything a current Postfix/Sendmail offers.
    static let everyOption = MilterProtocolOptions(rawValue: 0x001F_FFFF)
    /// A session that reads every stage and may answer at each.
    static let replyingEverywhere = MilterRequirements(actions: .all, stages: .all, replyingStages: .all)
    /// A session that reads MAIL, headers and body without a reply, and replies only at RCPT.
    static let mostlyNoReply = MilterRequirements(
        actions: .all,
        stages: [.mailFrom, .recipient, .header, .body],
        replyingStages: [.recipient]
    )
    static let refusal = MilterVerdict.reject(MilterReply(code: "550", extendedCode: "5.7.1", text: "opted out"))
    static let stamp = MilterEdit.addHeader(name: "X-OptOut-Milter", value: "1")
    /// The end of a message that began during a graceful stop: no session call, no edits.
    static let drainingTempfail = Machine.EndOfMessageAction.finish(
        .apply(edits: [], verdict: MilterRuntime.drainingVerdict)
    )

    /// The shell around the machine: mirrors ``MilterConnectionStateMachine/countsMessage`` into a
    /// counter the way `MilterConnection` does into `MilterRuntime.messagesInProgress`.
    struct Connection {
        var machine: Machine
        /// The runtime's messages in progress, as far as this connection changes it.
        private(set) var messagesInProgress = 0
        /// How many times the connection counted a message in.
        private(set) var messagesCounted = 0

        init(
            _ requirements: MilterRequirements,
            errorVerdict: MilterVerdict = .tempfail,
            offeredActions: MilterActions? = .all
        ) {
            self.machine = Machine(
                requirements: requirements,
                errorVerdict: errorVerdict
            )
            if let offeredActions {
                _ = self.machine.negotiate(
                    offeredActions: offeredActions,
                    offeredOptions: MilterConnectionStateMachineTests.everyOption
                )
            }
        }

        mutating func stage(_ stage: MilterStages, draining: Bool = false) -> Machine.StageAction {
            self.counting { $0.stageBegan(stage, draining: draining) }
        }

        mutating func returned(_ verdict: MilterVerdict, at stage: MilterStages) -> Reply {
            self.counting { $0.sessionReturned(verdict, at: stage) }
        }

        mutating func failed(at stage: MilterStages) -> Reply {
            self.counting { $0.sessionFailed(at: stage) }
        }

        /// A stage the session is called for and answers with `verdict`.
        mutating func called(_ stage: MilterStages, answering verdict: MilterVerdict = .continue) -> Reply? {
            guard self.stage(stage) == .callSession else {
                return nil
            }
            return self.returned(verdict, at: stage)
        }

        mutating func endOfMessage(draining: Bool = false) -> Machine.EndOfMessageAction {
            self.counting { $0.endOfMessageBegan(draining: draining) }
        }

        mutating func returned(_ result: MilterMessageResult) -> Machine.EndOfMessagePlan {
            self.counting { $0.sessionReturned(result) }
        }

        mutating func failedAtEndOfMessage() -> Machine.EndOfMessagePlan {
            self.counting { $0.sessionFailedAtEndOfMessage() }
        }

        mutating func abort() {
            self.counting { $0.abort() }
        }

        mutating func close() {
            self.counting { $0.close() }
        }

        private mutating func counting<T>(_ body: (inout Machine) -> T) -> T {
            let counted = self.machine.countsMessage
            let result = body(&self.machine)
            if !counted, self.machine.countsMessage {
                self.messagesInProgress += 1
                self.messagesCounted += 1
            } else if counted, !self.machine.countsMessage {
                self.messagesInProgress -= 1
            }
            return result
        }
    }

    // MARK: - Whole sessions

    @Test func aNormalMessageCallsTheSessionAtEveryStageAndAppliesItsEdits() {
        var connection = Connection(Self.replyingEverywhere)
        #expect(connection.called(.connect) == Reply(.continue))
        #expect(connection.called(.helo) == Reply(.continue))
        #expect(connection.messagesInProgress == 0)
        #expect(connection.called(.mailFrom) == Reply(.continue))
        #expect(connection.messagesInProgress == 1)
        #expect(connection.called(.recipient, answering: .reject) == Reply(.reject), "a refused recipient only")
        #expect(connection.called(.recipient) == Reply(.continue))
        #expect(connection.called(.data) == Reply(.continue))
        #expect(connection.called(.header) == Reply(.continue))
        #expect(connection.called(.endOfHeaders) == Reply(.continue))
        #expect(connection.called(.body) == Reply(.continue))
        #expect(connection.messagesInProgress == 1)
        #expect(connection.endOfMessage() == .callSession)
        #expect(
            connection.returned(MilterMessageResult(verdict: .accept, edits: [Self.stamp]))
                == .apply(edits: [Self.stamp], verdict: .accept)
        )
        #expect(connection.messagesInProgress == 0)
        connection.close()
        #expect(connection.messagesInProgress == 0)
        #expect(connection.messagesCounted == 1)
    }

    @Test func eachMessageOfAConnectionIsCountedOnce() {
        var connection = Connection(Self.replyingEverywhere)
        #expect(connection.called(.connect) == Reply(.continue))
        for message in 1...3 {
            #expect(connection.called(.mailFrom) == Reply(.continue))
            #expect(connection.messagesInProgress == 1, "message \(message)")
            #expect(connection.called(.recipient) == Reply(.continue))
            #expect(connection.endOfMessage() == .callSession)
            #expect(connection.returned(.accept) == .apply(edits: [], verdict: .accept))
            #expect(connection.messagesInProgress == 0, "message \(message)")
        }
        connection.close()
        #expect(connection.messagesInProgress == 0)
        #expect(connection.messagesCounted == 3)
    }

    @Test func aStageTheSessionDidNotAskForContinuesWithoutCallingIt() {
        // Without negotiation (protocol 2) the MTA sends every stage and waits for every reply.
        var connection = Connection(MilterRequirements(stages: [.header]), offeredActions: nil)
        #expect(connection.stage(.connect) == .reply(Reply(.continue)))
        #expect(connection.stage(.mailFrom) == .reply(Reply(.continue)))
        #expect(connection.messagesInProgress == 1, "MAIL begins the message even when the session skips it")
        #expect(connection.stage(.body) == .reply(Reply(.continue)))
        #expect(connection.stage(.header) == .callSession)
    }

    @Test func aStageNegotiatedWithoutAReplyAnswersNoReply() {
        var connection = Connection(Self.mostlyNoReply)
        #expect(connection.stage(.connect) == .reply(Reply(.continue, noReply: false)), "skipped: never sent")
        #expect(connection.called(.mailFrom) == Reply(.continue, noReply: true))
        #expect(connection.called(.recipient) == Reply(.continue, noReply: false))
        #expect(connection.called(.header) == Reply(.continue, noReply: true))
        #expect(connection.called(.body) == Reply(.continue, noReply: true))
    }

    // MARK: - Held verdicts

    @Test func aRejectAtANoReplyStageIsGivenAtTheNextStageThatReplies() {
        var connection = Connection(Self.mostlyNoReply)
        #expect(connection.called(.mailFrom, answering: Self.refusal) == Reply(.continue, noReply: true))
        // Still no reply at the header: the session is called, the verdict stays held.
        #expect(connection.called(.header) == Reply(.continue, noReply: true))
        #expect(connection.stage(.recipient) == .reply(Reply(Self.refusal)), "given without calling the session")
        #expect(connection.stage(.recipient) == .callSession, "given once")
    }

    @Test func aHeldVerdictWithNoReplyingStageLeftIsGivenAtEndOfMessage() {
        var connection = Connection(Self.mostlyNoReply)
        #expect(connection.called(.mailFrom) == Reply(.continue, noReply: true))
        #expect(connection.called(.recipient) == Reply(.continue))
        #expect(connection.called(.body, answering: .discard) == Reply(.continue, noReply: true))
        #expect(connection.endOfMessage() == .finish(.apply(edits: [], verdict: .discard)))
        #expect(connection.messagesInProgress == 0)
        // The next message starts clean.
        #expect(connection.called(.mailFrom) == Reply(.continue, noReply: true))
        #expect(connection.endOfMessage() == .callSession)
    }

    @Test func aLaterFinalVerdictAtANoReplyStageReplacesTheHeldOne() {
        var connection = Connection(Self.mostlyNoReply)
        #expect(connection.called(.mailFrom, answering: .reject) == Reply(.continue, noReply: true))
        #expect(connection.called(.header, answering: .tempfail) == Reply(.continue, noReply: true))
        #expect(connection.stage(.recipient) == .reply(Reply(.tempfail)))
    }

    @Test func aVerdictHeldAtConnectIsGivenAtTheFirstStageThatReplies() {
        let needs = MilterRequirements(stages: [.connect, .mailFrom], replyingStages: [.mailFrom])
        var connection = Connection(needs)
        #expect(connection.called(.connect, answering: .reject) == Reply(.continue, noReply: true))
        #expect(connection.stage(.mailFrom) == .reply(Reply(.reject)))
        #expect(connection.messagesInProgress == 1, "the message began even though MAIL was refused")
        connection.abort()
        #expect(connection.messagesInProgress == 0)
    }

    // MARK: - Abort and close

    @Test func anAbortDiscardsTheHeldVerdictAndEndsTheMessage() {
        var connection = Connection(Self.mostlyNoReply)
        #expect(connection.called(.mailFrom, answering: .reject) == Reply(.continue, noReply: true))
        #expect(connection.messagesInProgress == 1)
        connection.abort()
        #expect(connection.messagesInProgress == 0)
        #expect(connection.called(.mailFrom) == Reply(.continue, noReply: true))
        #expect(connection.called(.recipient) == Reply(.continue), "the aborted message's reject is gone")
        #expect(connection.endOfMessage() == .callSession)
        #expect(connection.returned(.accept) == .apply(edits: [], verdict: .accept))
        #expect(connection.messagesInProgress == 0)
        #expect(connection.messagesCounted == 2)
    }

    @Test func anAbortOrCloseAfterTheMessageEndedCountsNothing() {
        var connection = Connection(Self.replyingEverywhere)
        #expect(connection.called(.mailFrom) == Reply(.continue))
        connection.abort()
        connection.abort()
        connection.close()
        #expect(connection.messagesInProgress == 0)
        #expect(connection.messagesCounted == 1)
    }

    @Test func aCloseInTheMiddleOfAMessageEndsItOnce() {
        var connection = Connection(Self.replyingEverywhere)
        #expect(connection.called(.mailFrom) == Reply(.continue))
        #expect(connection.called(.header) == Reply(.continue))
        connection.close()
        #expect(connection.messagesInProgress == 0)
        #expect(connection.messagesCounted == 1)
    }

    @Test func aConnectionWithoutMessagesCountsNothing() {
        var connection = Connection(Self.replyingEverywhere)
        #expect(connection.called(.connect) == Reply(.continue))
        #expect(connection.called(.helo) == Reply(.continue))
        #expect(connection.called(.unknown) == Reply(.continue))
        connection.close()
        #expect(connection.messagesInProgress == 0)
        #expect(connection.messagesCounted == 0)
    }

    // MARK: - Graceful stop

    @Test func aMessageBegunWhileDrainingIsTempfailedWithoutTheSession() {
        var connection = Connection(Self.replyingEverywhere)
        #expect(connection.stage(.mailFrom, draining: true) == .callSession)
        #expect(connection.messagesInProgress == 0, "the stop does not wait for a message it will tempfail")
        #expect(connection.called(.recipient) == Reply(.continue))
        #expect(connection.endOfMessage(draining: true) == Self.drainingTempfail)
        #expect(connection.messagesCounted == 0)
    }

    @Test func aMessageBegunBeforeDrainingFinishesThroughTheSession() {
        var connection = Connection(Self.replyingEverywhere)
        #expect(connection.called(.mailFrom) == Reply(.continue))
        #expect(connection.messagesInProgress == 1, "the stop waits for it")
        #expect(connection.endOfMessage(draining: true) == .callSession)
        #expect(
            connection.returned(MilterMessageResult(verdict: .continue, edits: [Self.stamp]))
                == .apply(edits: [Self.stamp], verdict: .continue)
        )
        #expect(connection.messagesInProgress == 0)
        // The connection's next message began during the stop.
        #expect(connection.stage(.mailFrom, draining: true) == .callSession)
        #expect(connection.messagesInProgress == 0)
        #expect(connection.endOfMessage(draining: true) == Self.drainingTempfail)
        #expect(connection.messagesCounted == 1)
    }

    @Test func aHeldVerdictTakesPrecedenceOverTheDrainingTempfail() {
        var connection = Connection(Self.mostlyNoReply)
        #expect(connection.stage(.mailFrom, draining: true) == .callSession)
        #expect(connection.returned(.discard, at: .mailFrom) == Reply(.continue, noReply: true))
        #expect(connection.endOfMessage(draining: true) == .finish(.apply(edits: [], verdict: .discard)))
    }

    @Test func anAbortedMessageBegunWhileDrainingDoesNotMarkTheNext() {
        var connection = Connection(Self.replyingEverywhere)
        #expect(connection.stage(.mailFrom, draining: true) == .callSession)
        connection.abort()
        // Admission is decided at each message's own MAIL.
        #expect(connection.stage(.mailFrom, draining: false) == .callSession)
        #expect(connection.messagesInProgress == 1)
        #expect(connection.endOfMessage(draining: true) == .callSession)
    }

    // MARK: - Session errors

    static let replyingStages: [MilterStages] = [
        .connect, .helo, .mailFrom, .recipient, .data, .unknown, .header, .endOfHeaders, .body,
    ]

    @Test(arguments: replyingStages, [MilterVerdict.tempfail, .accept])
    func aSessionErrorAtAReplyingStageRepliesWithTheErrorVerdict(stage: MilterStages, errorVerdict: MilterVerdict) {
        var connection = Connection(Self.replyingEverywhere, errorVerdict: errorVerdict)
        #expect(connection.stage(stage) == .callSession)
        #expect(connection.failed(at: stage) == Reply(errorVerdict))
    }

    @Test(arguments: [MilterStages.mailFrom, .header, .body])
    func aSessionErrorAtANoReplyStageIsHeldUntilTheNextReply(stage: MilterStages) {
        var connection = Connection(Self.mostlyNoReply)
        #expect(connection.called(.mailFrom) == Reply(.continue, noReply: true))
        #expect(connection.stage(stage) == .callSession)
        #expect(connection.failed(at: stage) == Reply(.continue, noReply: true))
        #expect(connection.endOfMessage() == .finish(.apply(edits: [], verdict: .tempfail)))
    }

    @Test(arguments: [MilterVerdict.tempfail, .accept])
    func aSessionErrorAtEndOfMessageEndsInTheErrorVerdict(errorVerdict: MilterVerdict) {
        var connection = Connection(Self.replyingEverywhere, errorVerdict: errorVerdict)
        #expect(connection.called(.mailFrom) == Reply(.continue))
        #expect(connection.endOfMessage() == .callSession)
        #expect(connection.failedAtEndOfMessage() == .apply(edits: [], verdict: errorVerdict))
        #expect(connection.messagesInProgress == 0)
    }

    // MARK: - Edits

    @Test func editsNeedingAnActionTheMTADidNotGrantAreRefusedWithTheErrorVerdict() {
        var connection = Connection(Self.replyingEverywhere, offeredActions: [.addHeaders])
        #expect(connection.called(.mailFrom) == Reply(.continue))
        #expect(connection.endOfMessage() == .callSession)
        let result = MilterMessageResult(verdict: .accept, edits: [Self.stamp, .deleteRecipient("<a@example.org>")])
        #expect(connection.returned(result) == .refuse(missing: [.deleteRecipients], verdict: .tempfail))
        #expect(connection.messagesInProgress == 0)
    }

    @Test func editsOfAMessageThatIsNotDeliveredAreDropped() {
        var connection = Connection(Self.replyingEverywhere, offeredActions: [])
        #expect(connection.called(.mailFrom) == Reply(.continue))
        #expect(connection.endOfMessage() == .callSession)
        let result = MilterMessageResult(verdict: Self.refusal, edits: [.quarantine(reason: "never applied")])
        #expect(connection.returned(result) == .apply(edits: [], verdict: Self.refusal))
    }

    @Test(arguments: [MilterVerdict.tempfail, .accept])
    func anEditLibmilterRefusesEndsInTheErrorVerdict(errorVerdict: MilterVerdict) {
        var connection = Connection(Self.replyingEverywhere, errorVerdict: errorVerdict)
        #expect(connection.called(.mailFrom) == Reply(.continue))
        #expect(connection.endOfMessage() == .callSession)
        let edits = [Self.stamp, MilterEdit.quarantine(reason: "review")]
        #expect(
            connection.returned(MilterMessageResult(verdict: .accept, edits: edits))
                == .apply(edits: edits, verdict: .accept)
        )
        #expect(connection.machine.editRefused() == errorVerdict)
    }
}
