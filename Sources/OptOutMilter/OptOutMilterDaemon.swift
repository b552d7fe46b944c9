import Logging
import Milter

/// The `run` command's daemon: serves the milter until a stop signal.
public enum OptOutMilterDaemon {
    /// Blocks the signals the daemon handles; call it first thing, before anything starts a thread.
    public static func blockSignals() {
        MilterServer.blockSignals()
    }

    /// Runs until SIGTERM/SIGINT/SIGHUP, then drains and returns the process exit status (0 after
    /// a signal, 1 when libmilter stopped by itself with an error).
    ///
    /// Call `MilterServer.blockSignals()` before anything that could start a thread, then this.
    ///
    /// - Parameter testMode: use `TestModeSession` (protocol tests only).
    public static func run(
        configuration: OptOutMilterConfiguration,
        testMode: Bool = false,
        logger: Logger
    ) throws(MilterServerError) -> Int32 {
        let holder = SnapshotHolder(initial: PolicySnapshot(), logger: logger) { generation in
            // Nothing to load yet: the suppression list and rules will be read here.
            PolicySnapshot(generation: generation)
        }
        if testMode {
            logger.warning("TEST MODE: message headers choose verdicts and edits; never use this in production")
        }
        let reason = try MilterServer.run(
            configuration: configuration.server,
            logger: logger,
            makeSession: {
                let snapshot = holder.current
                return testMode
                    ? TestModeSession(snapshot: snapshot) : OptOutSession(snapshot: snapshot, logger: logger)
            },
            onReload: { holder.reload() }
        )
        switch reason {
        case .signal, .libraryStopped(succeeded: true):
            return 0
        case .libraryStopped(succeeded: false):
            return 1
        }
    }
}
