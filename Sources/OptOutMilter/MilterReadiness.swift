import Synchronization

/// Whether the milter socket is listening, for `/readyz`: set by the daemon once libmilter's
/// socket is open and cleared when the milter stops.
public final class MilterReadiness: Sendable {
    private let listening = Atomic<Bool>(false)

    public init() {}

    public var isListening: Bool { self.listening.load(ordering: .acquiring) }

    public func setListening(_ value: Bool) {
        self.listening.store(value, ordering: .releasing)
    }

    /// Why the daemon is not ready (empty when it is): the socket is not listening, or the snapshot
    /// in force was never built or is older than `maxSnapshotAge` seconds.
    public func notReadyReasons(snapshotAge: Double?, maxSnapshotAge: Double) -> [String] {
        var reasons: [String] = []
        if !self.isListening {
            reasons.append("milter socket not listening")
        }
        if let age = snapshotAge {
            if age > maxSnapshotAge {
                reasons.append(
                    "policy snapshot is \(Int(age)) s old (metrics.max_snapshot_age: \(Int(maxSnapshotAge)) s)"
                )
            }
        } else {
            reasons.append("policy snapshot not loaded")
        }
        return reasons
    }
}
