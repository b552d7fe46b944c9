import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OptOutMilter
import Synchronization

#if canImport(Dispatch)
import Dispatch
#endif

/// The HTTP listener for `/metrics`, `/healthz` and `/readyz`.
///
/// It runs on Hummingbird's own threads (SwiftNIO's event loops and Swift concurrency's pool),
/// never on libmilter's: a scrape reads the registry and the holder's counters and nothing a
/// milter callback waits for. Start it after the daemon blocked its signals, so that these threads
/// inherit the blocked mask and libmilter's signal handling stays with the main thread.
public final class MetricsHTTPServer: Sendable {
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

    /// Binds `address` and serves until ``stop()``. Throws when the address is not loopback and
    /// `allowRemote` is false, or when binding fails.
    public static func start(
        address: MetricsListenAddress,
        allowRemote: Bool,
        exporter: PrometheusExporter,
        holder: SnapshotHolder,
        readiness: MilterReadiness,
        logger: Logger
    ) async throws -> MetricsHTTPServer {
        guard address.isLoopback || allowRemote else {
            throw MetricsServerError(
                "refusing to serve metrics on \(address): not a loopback address (set metrics.allow_remote: true)"
            )
        }
        let router = Self.router(exporter: exporter, holder: holder, readiness: readiness)
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
            logger.info("metrics listening", metadata: ["metrics.listen": "\(address.host):\(port)"])
            return MetricsHTTPServer(port: port, task: task)
        }
        // The stream ended without a port: the server stopped before it was running.
        try await task.value
        throw MetricsServerError("cannot listen on \(address)")
    }

    /// Runs `start` (a call of ``start(address:allowRemote:exporter:holder:readiness:logger:)``) for
    /// a synchronous caller, the `run` command: waits until the listener is bound or has failed.
    public static func startBlocking(
        _ start: @escaping @Sendable () async throws -> MetricsHTTPServer
    ) throws -> MetricsHTTPServer {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<MetricsHTTPServer, any Error>
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

    /// Carries the started server or the error from the starting task to the waiting thread.
    private final class Outcome: Sendable {
        let result = Mutex<Result<MetricsHTTPServer, any Error>?>(nil)
    }

    /// The three routes. The token, if any, and the snapshot age limit are read from the snapshot
    /// in force at each request, so that a reload changes them.
    static func router(
        exporter: PrometheusExporter,
        holder: SnapshotHolder,
        readiness: MilterReadiness
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { request, _ -> Response in
            let settings = holder.current.configuration.metrics
            if let token = settings.token, !Self.authorized(request.headers[.authorization], token: token) {
                return Self.text(
                    "a bearer token is required\n",
                    status: .unauthorized,
                    extra: [.wwwAuthenticate: "Bearer realm=\"optout-milter\""]
                )
            }
            holder.metrics.updateSnapshotAge()
            return Self.text(
                exporter.exposition(),
                status: .ok,
                contentType: "text/plain; version=0.0.4; charset=utf-8"
            )
        }
        router.get("/healthz") { _, _ -> Response in
            Self.text("ok\n", status: .ok)
        }
        router.get("/readyz") { _, _ -> Response in
            let reasons = readiness.notReadyReasons(
                snapshotAge: holder.metrics.updateSnapshotAge(),
                maxSnapshotAge: holder.current.configuration.metrics.maxSnapshotAgeSeconds
            )
            if reasons.isEmpty {
                return Self.text("ready\n", status: .ok)
            }
            return Self.text("not ready: " + reasons.joined(separator: "; ") + "\n", status: .serviceUnavailable)
        }
        return router
    }

    /// Compares in time independent of where the first difference is, so that the answer's
    /// timing does not reveal how much of a guessed token was right.
    static func authorized(_ header: String?, token: String) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst(7).utf8)
        let expected = Array(token.utf8)
        var difference = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            difference |= Int(expected[index] ^ (index < given.count ? given[index] : 0))
        }
        return difference == 0
    }

    private static func text(
        _ body: String,
        status: HTTPResponse.Status,
        contentType: String = "text/plain; charset=utf-8",
        extra: [HTTPField.Name: String] = [:]
    ) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        for (name, value) in extra {
            headers[name] = value
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
