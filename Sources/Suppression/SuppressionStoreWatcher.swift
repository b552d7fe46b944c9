import Dispatch
import Foundation
import Synchronization

/// Reloads a holder automatically when its store changes: a dedicated thread checks the store's
/// change token every `interval` (one indexed one-row read) and rebuilds when it moved.
///
/// A thread of its own rather than a task keeps multi-second builds off Swift's cooperative pool
/// and off libmilter's worker threads; the hot path never waits for it.
public final class SuppressionStoreWatcher: Sendable {
    /// The holder being refreshed.
    public let holder: SuppressionSnapshotHolder
    /// Time between checks.
    public let interval: Duration
    private let onReload: @Sendable (Result<SuppressionSnapshot, any Error>) -> Void
    private let wakeUp = DispatchSemaphore(value: 0)
    private let state = Mutex(State.idle)

    private enum State {
        case idle
        case running
        case stopping
    }

    /// Creates a watcher; call ``start()`` to begin.
    ///
    /// - Parameter onReload: called on the watcher thread after each reload it triggered (for
    ///   metrics); the holder has already logged and counted the outcome.
    public init(
        holder: SuppressionSnapshotHolder,
        interval: Duration = .seconds(2),
        onReload: @escaping @Sendable (Result<SuppressionSnapshot, any Error>) -> Void = { _ in }
    ) {
        precondition(interval > .zero)
        self.holder = holder
        self.interval = interval
        self.onReload = onReload
    }

    /// Starts the watching thread (once).
    public func start() {
        let shouldStart = self.state.withLock { state in
            guard case .idle = state else { return false }
            state = .running
            return true
        }
        guard shouldStart else { return }
        let thread = Thread { [self] in self.loop() }
        thread.name = "suppression-watcher"
        thread.start()
    }

    /// Asks the thread to stop; it exits after the check in progress, if any.
    public func stop() {
        let wasRunning = self.state.withLock { state in
            guard case .running = state else { return false }
            state = .stopping
            return true
        }
        if wasRunning {
            self.wakeUp.signal()
        }
    }

    private func loop() {
        let nanoseconds =
            self.interval.components.seconds * 1_000_000_000
            + self.interval.components.attoseconds / 1_000_000_000
        while true {
            _ = self.wakeUp.wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
            let running = self.state.withLock { state in
                if case .stopping = state {
                    state = .idle
                    return false
                }
                return true
            }
            guard running else { return }
            if let outcome = self.holder.reloadIfChanged() {
                self.onReload(outcome)
            }
        }
    }
}
