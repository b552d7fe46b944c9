/// The outcome of option negotiation for one connection: what to ask the MTA for, given what it
/// offered and what the session needs. Pure, so that it is unit-tested without an MTA.
public struct MilterNegotiation: Sendable, Hashable {
    /// The actions requested from the MTA: the session's actions that the MTA offered.
    public var actions: MilterActions
    /// The protocol steps requested from the MTA (always a subset of what it offered).
    public var options: MilterProtocolOptions
    /// Actions the session needs that the MTA did not offer; an edit needing one fails at end of message.
    public var missingActions: MilterActions

    /// Plans the negotiation.
    ///
    /// - Parameters:
    ///   - offeredActions: the `SMFIF_*` actions the MTA offered.
    ///   - offeredOptions: the `SMFIP_*` steps the MTA offered.
    ///   - requirements: what the session needs.
    ///   - bindingStages: events the binding itself needs whatever the session says (MAIL marks the
    ///     start of a message for the graceful-stop accounting).
    public init(
        offeredActions: MilterActions,
        offeredOptions: MilterProtocolOptions,
        requirements: MilterRequirements,
        bindingStages: MilterStages = .mailFrom
    ) {
        self.actions = requirements.actions.intersection(offeredActions)
        self.missingActions = requirements.actions.subtracting(offeredActions)
        let wanted = requirements.stages.union(bindingStages)
        var options: MilterProtocolOptions = []
        for step in Self.steps {
            if !wanted.contains(step.stage), offeredOptions.contains(step.skip) {
                options.insert(step.skip)
            } else if !requirements.replyingStages.contains(step.stage),
                offeredOptions.contains(step.noReply)
            {
                options.insert(step.noReply)
            }
        }
        self.options = options
    }

    /// Whether the MTA was told not to wait for a reply at `stage`.
    public func isNoReply(_ stage: MilterStages) -> Bool {
        guard let step = Self.steps.first(where: { $0.stage == stage }) else {
            return false
        }
        return self.options.contains(step.noReply)
    }

    /// Negotiation used when the MTA never negotiates (protocol version 2): every stage is sent and
    /// every stage gets a reply.
    static func unnegotiated(requirements: MilterRequirements) -> Self {
        Self(
            offeredActions: requirements.actions,
            offeredOptions: [],
            requirements: requirements
        )
    }

    private struct Step: Sendable {
        var stage: MilterStages
        var skip: MilterProtocolOptions
        var noReply: MilterProtocolOptions
    }

    private static let steps: [Step] = [
        Step(stage: .connect, skip: .noConnect, noReply: .noReplyConnect),
        Step(stage: .helo, skip: .noHelo, noReply: .noReplyHelo),
        Step(stage: .mailFrom, skip: .noMail, noReply: .noReplyMail),
        Step(stage: .recipient, skip: .noRecipient, noReply: .noReplyRecipient),
        Step(stage: .data, skip: .noData, noReply: .noReplyData),
        Step(stage: .unknown, skip: .noUnknown, noReply: .noReplyUnknown),
        Step(stage: .header, skip: .noHeaders, noReply: .noReplyHeader),
        Step(stage: .endOfHeaders, skip: .noEndOfHeaders, noReply: .noReplyEndOfHeaders),
        Step(stage: .body, skip: .noBody, noReply: .noReplyBody),
    ]
}
