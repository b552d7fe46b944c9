import Dispatch
import Foundation

/// Reloads the policy when the suppression store or the rule file changes, without a signal: a
/// thread of its own checks every `suppression.refresh_interval` seconds (one indexed read of
/// the store's change token and one `stat`) and rebuilds when something moved.
///
/// A dedicated thread rather than a task keeps multi-second builds off Swift's cooperative pool
/// and off libmilter's worker threads; mail never waits for it.
final class PolicyWatcher: Sendable {
    private let holder: SnapshotHolder
    private let stopped = DispatchSemaphore(value: 0)

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
        self.stopped.signal()
    }

    private func loop() {
        while true {
            let seconds = self.holder.current.configuration.refreshIntervalSeconds
            if self.stopped.wait(timeout: .now() + .milliseconds(Int(seconds * 1000))) == .success {
                return
            }
            self.holder.reloadIfChanged()
        }
    }
}
