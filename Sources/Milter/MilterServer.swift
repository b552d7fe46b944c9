import CMilter
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs a milter on libmilter: registers the callbacks, opens the socket, serves connections with
/// one session each, and handles the process's signals.
///
/// Signals (the thread calling `run` must be the process's main thread, and no other thread may
/// exist yet, so that every thread inherits the blocked mask):
/// - SIGTERM, SIGINT, SIGHUP: graceful stop. Messages already in progress finish (bounded by
///   `drainTimeout`), messages that start afterwards are tempfailed, then the milter stops.
/// - SIGUSR1: reload; `onReload` runs on a dedicated thread, never on a callback's thread.
///
/// Why the main thread waits for signals itself instead of leaving them to libmilter: libmilter's
/// own signal thread stops its workers at once, so a message in the middle of its transaction never
/// gets a reply. Linux delivers a process-directed signal to the main thread first when that thread
/// is waiting for it, so the main thread sits in `sigwait` while `smfi_main` runs on another thread.
public enum MilterServer {
    /// The signals the milter handles. Blocked by `blockSignals()` before any thread exists.
    static let handledSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2]

    /// Blocks the handled signals in the calling thread. Call it first thing in a synchronous main,
    /// before anything creates a thread (threads inherit the mask). `run` calls it again.
    public static func blockSignals() {
        var set = Self.signalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Runs the milter until a stop signal, then drains and returns.
    ///
    /// - Parameters:
    ///   - configuration: socket and error policy.
    ///   - logger: for the binding's own events (start, stop, internal errors); nothing is logged per
    ///     message above debug level.
    ///   - makeSession: creates the session of a new connection. Runs on libmilter's thread at the
    ///     first callback of the connection: keep it cheap (read a prepared snapshot).
    ///   - onReload: called on SIGUSR1, on a dedicated thread.
    ///   - onListening: called with true once the socket is open, and with false when the milter
    ///     starts to stop (readiness checks).
    public static func run(
        configuration: MilterServerConfiguration,
        logger: Logger,
        makeSession: @escaping @Sendable () -> any MilterSession,
        onReload: @escaping @Sendable () -> Void = {},
        onListening: @Sendable (Bool) -> Void = { _ in }
    ) throws(MilterServerError) -> MilterStopReason {
        Self.blockSignals()
        let runtime = MilterRuntime(
            makeSession: makeSession,
            errorVerdict: configuration.errorVerdict,
            logger: logger
        )
        let installed = MilterRuntime.current.withLock { current -> Bool in
            guard current == nil else {
                return false
            }
            current = runtime
            return true
        }
        guard installed else {
            throw MilterServerError("a milter is already running in this process (libmilter allows one)")
        }

        try Self.register(configuration)
        try MilterListener.open(configuration, logger: logger)
        logger.info(
            "milter listening",
            metadata: [
                "milter.socket": "\(configuration.socket)", "milter.library_version": "\(Milter.libraryVersion)",
            ]
        )
        // After the socket is open (and owned as configured), before any connection is served.
        if let privileges = configuration.runAs {
            let now = try privileges.drop()
            logger.info(
                "privileges dropped",
                metadata: ["milter.user": "\(privileges.user)", "milter.uid": "\(now.uid)", "milter.gid": "\(now.gid)"]
            )
        } else if geteuid() == 0 {
            logger.warning(
                "running as root: set user (and group) in the configuration so that the milter drops root once its socket is open"
            )
        }

        let reloader = MilterReloader(onReload: onReload, logger: logger)
        MilterThread.start { reloader.run() }
        let mainThread = pthread_self()
        let libraryResult = MilterResultBox()
        MilterThread.start {
            libraryResult.store(smfi_main())
            // Wake the main thread: libmilter stopped by itself (its own signal thread, or an error).
            pthread_kill(mainThread, SIGUSR2)
        }

        onListening(true)
        let reason = Self.waitForStop(runtime: runtime, reloader: reloader, libraryResult: libraryResult)
        onListening(false)
        Self.drain(runtime: runtime, configuration: configuration, reason: reason, libraryResult: libraryResult)
        if case .unix(let path) = configuration.socket {
            unlink(path)
        }
        logger.info("milter stopped", metadata: ["milter.stop_reason": "\(reason)"])
        return reason
    }

    private static func waitForStop(
        runtime: MilterRuntime,
        reloader: MilterReloader,
        libraryResult: MilterResultBox
    ) -> MilterStopReason {
        var set = Self.signalSet()
        while true {
            var signal: Int32 = 0
            guard sigwait(&set, &signal) == 0 else {
                continue
            }
            switch signal {
            case SIGUSR1:
                reloader.request()
            case SIGUSR2:
                guard let result = libraryResult.load() else {
                    continue
                }
                return .libraryStopped(succeeded: result == MI_SUCCESS)
            default:
                runtime.logger.info("stop requested", metadata: ["milter.signal": "\(signal)"])
                return .signal(signal)
            }
        }
    }

    /// Stops accepting work and waits, bounded, for messages and callbacks in progress.
    private static func drain(
        runtime: MilterRuntime,
        configuration: MilterServerConfiguration,
        reason: MilterStopReason,
        libraryResult: MilterResultBox
    ) {
        runtime.draining.store(true, ordering: .relaxed)
        runtime.logger.debug(
            "draining",
            metadata: [
                "milter.messages": "\(runtime.messagesInProgress.load(ordering: .relaxed))",
                "milter.callbacks": "\(runtime.callbacksInFlight.load(ordering: .relaxed))",
            ]
        )
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: configuration.drainTimeout)
        if case .signal = reason {
            // Let messages already in progress finish; the listener still accepts so the MTA gets a
            // tempfail at end of message rather than a refused connection.
            // If libmilter stops meanwhile (a second signal can reach its own signal thread while this
            // thread is not waiting), open messages can no longer finish: stop waiting for them.
            while runtime.messagesInProgress.load(ordering: .relaxed) > 0, clock.now < deadline,
                libraryResult.load() == nil
            {
                usleep(5_000)
            }
            // smfi_stop waits for the listener's lock, which libmilter holds for up to 5 s between
            // checks (MI_CHK_TIME): ask from another thread instead of waiting for it.
            MilterThread.start { _ = smfi_stop() }
        }
        // A callback already running finishes its reply even when the message wait used up the
        // timeout: callbacks are bounded and short, so one more second at most.
        let callbackDeadline = max(deadline, clock.now.advanced(by: .seconds(1)))
        while runtime.callbacksInFlight.load(ordering: .relaxed) > 0, clock.now < callbackDeadline {
            usleep(1_000)
        }
        let left = runtime.messagesInProgress.load(ordering: .relaxed)
        if left > 0 {
            runtime.logger.warning("stopping with messages still in progress", metadata: ["milter.messages": "\(left)"])
        }
    }

    private static func register(_ configuration: MilterServerConfiguration) throws(MilterServerError) {
        guard CMilter_setconn(configuration.socket.description) == MI_SUCCESS else {
            throw MilterServerError("libmilter refused the socket '\(configuration.socket)'")
        }
        if let timeout = configuration.ioTimeoutSeconds {
            _ = smfi_settimeout(timeout)
        }
        if let backlog = configuration.listenBacklog {
            _ = smfi_setbacklog(backlog)
        }
        guard smfi_register(MilterDescriptor.make(name: configuration.name)) == MI_SUCCESS else {
            throw MilterServerError("smfi_register failed (libmilter version mismatch?)")
        }
    }

    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in Self.handledSignals {
            sigaddset(&set, signal)
        }
        return set
    }
}
