import Hummingbird
import Logging
import OptOutMilter
import Synchronization

#if canImport(Dispatch)
import Dispatch
#endif

/// One running Hummingbird application: the metrics listener or the unsubscribe endpoint.
///
/// It runs on Hummingbird's own threads (SwiftNIO's event loops and Swift concurrency's pool),
/// never on libmilter's. Start it after the daemon blocked its signals, so that these threads
/// inherit the blocked mask and libmilter's signal handling stays with the main thread.
public final class HTTPListener: Sendable {
    /// The port bound (the configured one, or the one the system chose for port 0).
    public let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Stops listening.
    public func stop() {
        self.task.cancel()
    }

    /// Binds `address` and serves `router` until ``stop()``. Throws when the address is not
    /// loopback and `allowRemote` is false, or when binding fails. `name` is the configuration
    /// section, for messages (`metrics`, `unsubscribe`).
    static func start(
        name: String,
        address: MetricsListenAddress,
        allowRemote: Bool,
        router: Router<BasicRequestContext>,
        logger: Logger
    ) async throws -> HTTPListener {
        guard address.isLoopback || allowRemote else {
            throw HTTPServerError(
                "refusing to serve \(name) on \(address): not a loopback address (set \(name).allow_remote: true)"
            )
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port),
                serverName: nil
            ),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? address.port)
                continuation.finish()
            },
            logger: logger
        )
        let task = Task {
            defer { continuation.finish() }
            // No shutdown signals: the daemon's main thread owns SIGTERM and SIGINT.
            try await app.runService(gracefulShutdownSignals: [])
        }
        for await port in ports {
            logger.info("\(name) listening", metadata: ["\(name).listen": "\(address.host):\(port)"])
            return HTTPListener(port: port, task: task)
        }
        // The stream ended without a port: the server stopped before it was running.
        try await task.value
        throw HTTPServerError("cannot listen on \(address)")
    }

    /// Runs `start` for a synchronous caller, the `run` command: waits until the listener is
    /// bound or has failed.
    public static func startBlocking(
        _ start: @escaping @Sendable () async throws -> HTTPListener
    ) throws -> HTTPListener {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<HTTPListener, any Error>
            do {
                result = .success(try await start())
            } catch {
                result = .failure(error)
            }
            outcome.result.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.result.withLock { $0! }.get()
    }

    /// Carries the started listener or the error from the starting task to the waiting thread.
    private final class Outcome: Sendable {
        let result = Mutex<Result<HTTPListener, any Error>?>(nil)
    }
}
