/// What a session needs from the MTA; turned into the connection's negotiation.
///
/// Asking for less is faster: a stage not in `stages` is never sent by the MTA (no body transfer when
/// the policy reads no body), and a stage not in `replyingStages` is sent without waiting for a reply.
public struct MilterRequirements: Sendable, Hashable {
    /// The edits the session may return at end of message.
    public var actions: MilterActions
    /// The events the session wants to receive.
    public var stages: MilterStages
    /// The stages at which the session may return something other than `.continue`. At the other
    /// stages the MTA is told not to wait for a reply (where it supports that). A session that
    /// returns another verdict at such a stage anyway gets it applied at the message's next stage that
    /// replies (end of message at the latest); an abort discards it.
    public var replyingStages: MilterStages

    public init(
        actions: MilterActions = [],
        stages: MilterStages = [],
        replyingStages: MilterStages = []
    ) {
        self.actions = actions
        self.stages = stages
        self.replyingStages = replyingStages
    }
}
