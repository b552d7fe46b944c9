import Milter

/// Everything a connection's decisions read, frozen when the connection starts.
///
/// Immutable and `Sendable`: a reload builds a new snapshot off the hot path and swaps it in
/// `SnapshotHolder`; connections already open finish on the snapshot they started with. The policy
/// engine (classifier rules, suppression index, actions) will live here.
public struct PolicySnapshot: Sendable {
    /// The version written in the `X-OptOut-Milter` header.
    public var version: String
    /// When this snapshot was built (monotonic generation, for logs).
    public var generation: Int

    public init(version: String = OptOutMilterVersion.current, generation: Int = 0) {
        self.version = version
        self.generation = generation
    }

    /// What sessions on this snapshot need from the MTA: only end of message, to add the header.
    /// No headers, no body: the MTA does not even send them.
    var requirements: MilterRequirements {
        MilterRequirements(actions: [.addHeaders])
    }
}
