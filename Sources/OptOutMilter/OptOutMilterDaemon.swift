import Logging
import MarketingClassifier
import Milter
import Policy
import Suppression

/// The `run` command's daemon: serves the milter until a stop signal.
public enum OptOutMilterDaemon {
    /// Blocks the signals the daemon handles; call it first thing, before anything starts a thread.
    public static func blockSignals() {
        MilterServer.blockSignals()
    }

    /// Runs until SIGTERM/SIGINT/SIGHUP, then drains and returns the process exit status (0 after
    /// a signal, 1 when libmilter stopped by itself with an error).
    ///
    /// Call `MilterServer.blockSignals()` before anything that could start a thread, then build the
    /// ``SnapshotHolder`` (which reads the configuration, rules, store and audit file), then this.
    ///
    /// - Parameters:
    ///   - testMode: use `TestModeSession` (protocol tests only).
    ///   - readiness: told when the milter socket listens and when it stops (`/readyz`).
    public static func run(
        holder: SnapshotHolder,
        testMode: Bool = false,
        readiness: MilterReadiness? = nil,
        logger: Logger
    ) throws(MilterServerError) -> Int32 {
        let snapshot = holder.current
        let configuration = snapshot.configuration
        logger.info(
            "policy loaded",
            metadata: [
                "optout.mode": "\(configuration.policy.mode.rawValue)",
                "suppression.store": "\(configuration.suppressionStore)",
                "suppression.entries": "\(snapshot.suppression.count)",
                "optout.rules": "\(configuration.classifierRules ?? "builtin")",
                "optout.audit": "\(configuration.auditPath ?? "none")",
            ]
        )
        if !Pattern.compilesToMachineCode {
            logger.warning(
                """
                PCRE2 cannot compile the classifier's patterns to machine code here (writable memory may not \
                become executable: systemd's MemoryDenyWriteExecute, SELinux deny_execmem or PR_SET_MDWE); \
                verdicts are the same but classifying costs several times the CPU
                """
            )
        }
        if testMode {
            logger.warning("TEST MODE: message headers choose verdicts and edits; never use this in production")
        }
        let watcher = PolicyWatcher(holder: holder)
        watcher.start()
        defer { watcher.stop() }
        let version = holder.current.version
        let reason = try MilterServer.run(
            configuration: configuration.server,
            logger: logger,
            makeSession: {
                if testMode {
                    return TestModeSession(version: version)
                }
                return OptOutSession(holder: holder, logger: logger)
            },
            onReload: { holder.reload() },
            onListening: { readiness?.setListening($0) }
        )
        switch reason {
        case .signal, .libraryStopped(succeeded: true):
            return 0
        case .libraryStopped(succeeded: false):
            return 1
        }
    }
}
