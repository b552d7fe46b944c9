import Logging
import Synchronization

/// Process-wide state of the running milter. libmilter is process-global (one `smfi_register`, one
/// socket, C callbacks that capture nothing), so this is reached through a global and read once
/// per connection, when the connection's session is created.
final class MilterRuntime: Sendable {
    let makeSession: @Sendable () -> any MilterSession
    let errorVerdict: MilterVerdict
    let logger: Logger

    /// Callbacks currently running; a stop waits (bounded) for this to reach 0.
    let callbacksInFlight = Atomic<Int>(0)
    /// Messages that started before a graceful stop began and have not ended yet (end of message,
    /// abort or close); the stop waits (bounded) for these. Messages starting during the stop are
    /// not counted: they only get a tempfail, so waiting for them would only delay the exit.
    let messagesInProgress = Atomic<Int>(0)
    /// Set when a graceful stop begins: messages starting from now are tempfailed at end of message.
    let draining = Atomic<Bool>(false)

    init(
        makeSession: @escaping @Sendable () -> any MilterSession,
        errorVerdict: MilterVerdict,
        logger: Logger
    ) {
        self.makeSession = makeSession
        self.errorVerdict = errorVerdict
        self.logger = logger
    }

    /// Runs one callback's work counted in `callbacksInFlight`.
    @inline(__always)
    func countingInFlight<T>(_ body: () -> T) -> T {
        self.callbacksInFlight.add(1, ordering: .relaxed)
        defer { self.callbacksInFlight.subtract(1, ordering: .relaxed) }
        return body()
    }

    /// The runtime of the milter running in this process, if any.
    static let current = Mutex<MilterRuntime?>(nil)

    /// The reply given to a message that started after a graceful stop began.
    static let drainingVerdict = MilterVerdict.tempfail(
        MilterReply(code: "451", extendedCode: "4.3.2", text: "mail filter is restarting, try again later")
    )
}
