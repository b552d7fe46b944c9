import Dispatch
import Foundation
import Synchronization

/// Reloads the policy when the suppression store or the rule file changes, without a signal: a
/// thread of its own checks every `suppression.refresh_interval` seconds (one indexed read of
/// the store's change token and one `stat`), or at once when asked through
/// ``SnapshotHolder/requestChangeCheck()``, and rebuilds when something moved.
///
/// A dedicated thread rather than a task keeps multi-second builds off Swift's cooperative pool
/// and off libmilter's worker threads; mail never waits for it.
final class PolicyWatcher: Sendable {
    private let holder: SnapshotHolder
    private let stopped = Atomic(false)

    init(holder: SnapshotHolder) {
        self.holder = holder
    }

    /// Starts the thread; it runs until ``stop()``.
    func start() {
        let thread = Thread { [self] in self.loop() }
        thread.name = "policy-watcher"
        thread.start()
    }

    func stop() {
        self.stopped.store(true, ordering: .sequentiallyConsistent)
        self.holder.requestChangeCheck()
    }

    private func loop() {
        while true {
            let seconds = self.holder.current.configuration.refreshIntervalSeconds
            _ = self.holder.changeCheckRequested.wait(timeout: .now() + .milliseconds(Int(seconds * 1000)))
            if self.stopped.load(ordering: .sequentiallyConsistent) {
                return
            }
            self.holder.reloadIfChanged()
        }
    }
}
