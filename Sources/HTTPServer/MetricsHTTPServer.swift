import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OptOutMilter

/// The routes of the metrics listener: `/metrics`, `/healthz` and `/readyz`. A scrape reads the
/// registry and the holder's counters and nothing a milter callback waits for.
public enum MetricsHTTPServer {
    /// Binds `address` and serves the metrics routes until the listener is stopped.
    public static func start(
        address: MetricsListenAddress,
        allowRemote: Bool,
        exporter: PrometheusExporter,
        holder: SnapshotHolder,
        readiness: MilterReadiness,
        logger: Logger
    ) async throws -> HTTPListener {
        try await HTTPListener.start(
            name: "metrics",
            address: address,
            allowRemote: allowRemote,
            router: Self.router(exporter: exporter, holder: holder, readiness: readiness),
            logger: logger
        )
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
