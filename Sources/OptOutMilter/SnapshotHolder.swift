import Logging
import Synchronization

/// Holds the current policy snapshot and replaces it on reload.
///
/// `current` is read once per connection (a lock held for a pointer copy); `reload()` builds the
/// next snapshot with the `build` closure on the reload thread and swaps it in only if building
/// succeeded, so a bad new list or rule file keeps the old snapshot in force.
public final class SnapshotHolder: Sendable {
    private let snapshot: Mutex<PolicySnapshot>
    private let build: @Sendable (_ generation: Int) throws -> PolicySnapshot
    private let logger: Logger

    /// - Parameters:
    ///   - initial: the snapshot to serve from the start.
    ///   - logger: for reload outcomes.
    ///   - build: makes the next snapshot (reads lists and rules); runs on the reload thread.
    public init(
        initial: PolicySnapshot,
        logger: Logger,
        build: @escaping @Sendable (_ generation: Int) throws -> PolicySnapshot
    ) {
        self.snapshot = Mutex(initial)
        self.build = build
        self.logger = logger
    }

    /// The snapshot new connections use.
    public var current: PolicySnapshot {
        self.snapshot.withLock { $0 }
    }

    /// Builds a new snapshot and swaps it in; on failure logs and keeps the current one.
    public func reload() {
        let generation = self.current.generation + 1
        do {
            let next = try self.build(generation)
            self.snapshot.withLock { $0 = next }
            self.logger.info("reloaded", metadata: ["optout.generation": "\(next.generation)"])
        } catch {
            self.logger.error("reload failed; keeping the current snapshot", metadata: ["error": "\(error)"])
        }
    }
}
