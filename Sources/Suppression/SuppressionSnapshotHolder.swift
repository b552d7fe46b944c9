import Foundation
import Logging
import Synchronization

/// Owns the current ``SuppressionSnapshot`` and replaces it on reload.
///
/// - ``current`` is what the hot path reads: one short mutex section to copy a reference (the
///   mutex, not an atomic pointer, is what makes it safe to release the old snapshot while a
///   reader is taking it). Everything after that is lock-free reading of immutable memory.
/// - ``reload()`` builds a new snapshot beside the old one, on the caller's thread, while lookups
///   keep using the old one; only the finished snapshot is swapped in. A failed build keeps the
///   old snapshot, logs a warning and counts the failure (``statistics``).
/// - ``reloadIfChanged()`` rebuilds only when the store's change token moved; a
///   ``SuppressionStoreWatcher`` calls it at a bounded interval from its own thread.
///
/// Wire SIGUSR1 to ``reload()``.
public final class SuppressionSnapshotHolder: Sendable {
    /// The store snapshots are built from.
    public let store: any SuppressionStore
    private let snapshot: Mutex<SuppressionSnapshot>
    /// Held for the whole of a build so that two reloads never build at once.
    private let building = Mutex(())
    private let stats = Mutex(ReloadStatistics())
    private let logger: Logger

    /// Builds the first snapshot; throws if that fails, so that a daemon never starts serving an
    /// empty list by accident.
    public init(store: any SuppressionStore, logger: Logger) throws {
        self.store = store
        self.logger = logger
        let clock = ContinuousClock()
        let started = clock.now
        let first = try SuppressionSnapshot.build(from: store)
        self.snapshot = Mutex(first)
        self.stats.withLock { $0.recordSuccess(first, duration: clock.now - started) }
        logger.info(
            "suppression snapshot loaded",
            metadata: ["suppression.entries": "\(first.count)", "suppression.change_token": "\(first.changeToken)"]
        )
    }

    /// The snapshot lookups should use now. Take it once per message or connection.
    public var current: SuppressionSnapshot {
        self.snapshot.withLock { $0 }
    }

    /// Looks `recipient` up in the current snapshot (see ``SuppressionSnapshot/lookup(recipient:category:at:)``).
    public func lookup(
        recipient: String,
        category: String? = nil,
        at date: Date = Date()
    ) throws(AddressError) -> SuppressionMatch? {
        try self.current.lookup(recipient: recipient, category: category, at: date)
    }

    /// Reload counters and the last outcome.
    public var statistics: ReloadStatistics {
        self.stats.withLock { $0 }
    }

    /// Builds a new snapshot from the store and swaps it in; on failure keeps the old one.
    @discardableResult
    public func reload() -> Result<SuppressionSnapshot, any Error> {
        self.building.withLock { _ in self.buildAndSwap() }
    }

    /// Reloads only if the store's change token differs from the current snapshot's.
    ///
    /// - Returns: nil when nothing changed, else the outcome of the reload.
    @discardableResult
    public func reloadIfChanged() -> Result<SuppressionSnapshot, any Error>? {
        self.building.withLock { _ in
            do {
                guard try self.store.changeToken() != self.current.changeToken else { return nil }
            } catch {
                self.recordFailure(error)
                return .failure(error)
            }
            return self.buildAndSwap()
        }
    }

    private func buildAndSwap() -> Result<SuppressionSnapshot, any Error> {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let fresh = try SuppressionSnapshot.build(from: self.store)
            let duration = clock.now - started
            let previous = self.snapshot.withLock { current in
                let previous = current
                current = fresh
                return previous
            }
            self.stats.withLock { $0.recordSuccess(fresh, duration: duration) }
            self.logger.info(
                "suppression snapshot reloaded",
                metadata: [
                    "suppression.entries": "\(fresh.count)",
                    "suppression.previous_entries": "\(previous.count)",
                    "suppression.change_token": "\(fresh.changeToken)",
                    "suppression.build_ms":
                        "\(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)",
                ]
            )
            return .success(fresh)
        } catch {
            self.recordFailure(error)
            return .failure(error)
        }
    }

    private func recordFailure(_ error: any Error) {
        let current = self.current
        self.stats.withLock { $0.recordFailure(error) }
        self.logger.warning(
            "suppression snapshot reload failed; keeping the previous snapshot",
            metadata: [
                "suppression.error": "\(error)",
                "suppression.entries": "\(current.count)",
                "suppression.change_token": "\(current.changeToken)",
            ]
        )
    }
}

/// Counters a daemon exports as metrics (`suppression_reloads_total{result=...}`, ...).
public struct ReloadStatistics: Sendable, Hashable {
    /// Successful builds, the first one included.
    public var succeeded = 0
    /// Failed reloads and change checks.
    public var failed = 0
    /// The message of the last failure.
    public var lastError: String?
    /// When the current snapshot was swapped in.
    public var lastSuccessAt: Date?
    /// When the last failure happened.
    public var lastFailureAt: Date?
    /// How long the last successful build took.
    public var lastBuildDuration: Duration = .zero
    /// Entries in the current snapshot.
    public var entries = 0
    /// The change token of the current snapshot.
    public var changeToken: Int64 = 0

    mutating func recordSuccess(_ snapshot: SuppressionSnapshot, duration: Duration) {
        self.succeeded += 1
        self.lastSuccessAt = snapshot.builtAt
        self.lastBuildDuration = duration
        self.entries = snapshot.count
        self.changeToken = snapshot.changeToken
    }

    mutating func recordFailure(_ error: any Error) {
        self.failed += 1
        self.lastError = "\(error)"
        self.lastFailureAt = Date()
    }
}
