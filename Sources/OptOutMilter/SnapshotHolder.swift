import Dispatch
import Logging
import Suppression
import Synchronization

/// Holds the current policy snapshot and replaces it on reload.
///
/// ``current`` is read once per message (a lock held for a copy of a few references). A reload
/// builds the next snapshot on the caller's thread (the reload thread or the watcher), never on
/// libmilter's, one build at a time, and swaps it in only if building succeeded: a bad new
/// configuration, rule file or store keeps the old snapshot in force, and the log says why.
public final class SnapshotHolder: Sendable {
    private let snapshot: Mutex<PolicySnapshot>
    /// Held for the whole of a build so that two reloads never build at once.
    private let building = Mutex(())
    private let stats = Mutex(Statistics())
    private let builder: PolicySnapshotBuilder
    private let logger: Logger
    /// The daemon's metrics; sessions reach them through the holder they already hold.
    public let metrics: PolicyMetrics
    /// Signalled to make the watcher check for changes now rather than at its next interval.
    let changeCheckRequested = DispatchSemaphore(value: 0)

    /// Reload outcomes, for logs and tests (``PolicyMetrics`` exports them).
    public struct Statistics: Sendable, Hashable {
        public var succeeded = 0
        public var failed = 0
        public var lastError: String?
    }

    /// Builds the first snapshot; throws when that fails, so the daemon never starts on a policy
    /// it could not read.
    public init(builder: PolicySnapshotBuilder, logger: Logger, metrics: PolicyMetrics = PolicyMetrics()) throws {
        self.builder = builder
        self.logger = logger
        self.metrics = metrics
        let first = try builder.build(generation: 1, previous: nil)
        self.snapshot = Mutex(first)
        self.stats.withLock { $0.succeeded = 1 }
        metrics.reloaded(succeeded: true, entries: first.suppression.count)
    }

    /// The snapshot new messages use.
    public var current: PolicySnapshot {
        self.snapshot.withLock { $0 }
    }

    public var statistics: Statistics {
        self.stats.withLock { $0 }
    }

    /// Rebuilds from the configuration file, the rule file and the store (SIGUSR1), reopening the
    /// audit file; on failure logs and keeps the current snapshot.
    @discardableResult
    public func reload(reason: String = "signal") -> Bool {
        self.building.withLock { _ in self.buildAndSwap(reason: reason) }
    }

    /// Asks the watcher to look for a changed store or rule file now (after this process wrote to
    /// the store itself, such as an unsubscribe). Returns at once.
    public func requestChangeCheck() {
        self.changeCheckRequested.signal()
    }

    /// Rebuilds only when the store's change token or the rule file moved (the watcher's check).
    /// Returns nil when nothing changed.
    @discardableResult
    public func reloadIfChanged() -> Bool? {
        self.building.withLock { _ -> Bool? in
            let current = self.current
            switch self.builder.change(since: current) {
            case .none:
                self.metrics.snapshotConfirmed()
                return nil
            case .some(.failure(let error)):
                self.recordFailure(error, reason: "change check")
                return false
            case .some(.success(let what)):
                return self.buildAndSwap(reason: what)
            }
        }
    }

    private func buildAndSwap(reason: String) -> Bool {
        let previous = self.current
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let next = try self.builder.build(generation: previous.generation + 1, previous: previous)
            self.snapshot.withLock { $0 = next }
            self.stats.withLock { $0.succeeded += 1 }
            self.metrics.reloaded(succeeded: true, entries: next.suppression.count)
            let elapsed = clock.now - started
            self.logger.info(
                "policy reloaded",
                metadata: [
                    "optout.reason": "\(reason)",
                    "optout.generation": "\(next.generation)",
                    "suppression.entries": "\(next.suppression.count)",
                    "optout.build_ms":
                        "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
                ]
            )
            let restart = next.configuration.restartOnlyChanges(comparedTo: previous.configuration)
            if !restart.isEmpty {
                self.logger.warning(
                    "configuration keys changed that take effect only after a restart; still using the old values",
                    metadata: ["optout.keys": "\(restart.joined(separator: ", "))"]
                )
            }
            return true
        } catch {
            self.recordFailure(error, reason: reason)
            return false
        }
    }

    private func recordFailure(_ error: any Error, reason: String) {
        self.stats.withLock {
            $0.failed += 1
            $0.lastError = "\(error)"
        }
        self.metrics.reloaded(succeeded: false, entries: nil)
        self.logger.error(
            "reload failed; keeping the current policy",
            metadata: [
                "optout.reason": "\(reason)", "error": "\(error)",
                "optout.generation": "\(self.current.generation)",
            ]
        )
    }
}
