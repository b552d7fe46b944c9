import Foundation
import HTTPServer
import Logging
import OptOutMilter
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real listener on loopback, asked over real HTTP.
@Suite struct MetricsHTTPServerTests {
    static let quiet = Logger(label: "test", factory: SwiftLogNoOpLogHandler.init)

    @Test func aTokenIsRequiredForMetricsButNotForHealth() async throws {
        let daemon = try TestDaemon(extraConfiguration: "metrics:\n  token: s3cret-token\n")
        let server = try await daemon.start()
        defer { server.stop() }

        #expect(try await Self.get(server, "/metrics").status == 401)
        #expect(try await Self.get(server, "/metrics", token: "wrong").status == 401)
        let ok = try await Self.get(server, "/metrics", token: "s3cret-token")
        #expect(ok.status == 200)
        #expect(ok.body.contains("# HELP optout_build_info "))
        #expect(ok.body.contains("optout_build_info{version="))
        #expect(ok.body.contains(#"optout_reloads_total{result="success"} 1"#))
        #expect(try await Self.get(server, "/healthz").status == 200)
    }

    @Test func readyOnlyOnceTheMilterListens() async throws {
        let daemon = try TestDaemon()
        let server = try await daemon.start()
        defer { server.stop() }
        let before = try await Self.get(server, "/readyz")
        #expect(before.status == 503)
        #expect(before.body.contains("milter socket not listening"))
        daemon.readiness.setListening(true)
        #expect(try await Self.get(server, "/readyz").status == 200)
        #expect(try await Self.get(server, "/metrics").status == 200)
    }

    @Test func aSnapshotOlderThanTheLimitOrMissingIsNotReady() {
        let readiness = MilterReadiness()
        readiness.setListening(true)
        #expect(readiness.notReadyReasons(snapshotAge: 10, maxSnapshotAge: 300).isEmpty)
        #expect(readiness.notReadyReasons(snapshotAge: 301, maxSnapshotAge: 300).count == 1)
        #expect(readiness.notReadyReasons(snapshotAge: nil, maxSnapshotAge: 300) == ["policy snapshot not loaded"])
    }

    @Test func aNonLoopbackAddressIsRefusedUnlessAllowed() async throws {
        let daemon = try TestDaemon()
        await #expect(throws: HTTPServerError.self) {
            _ = try await daemon.start(address: MetricsListenAddress(host: "0.0.0.0", port: 0))
        }
        let allowed = try await daemon.start(address: MetricsListenAddress(host: "0.0.0.0", port: 0), allowRemote: true)
        allowed.stop()
        // The configuration file says so, or the daemon does not start, naming the line.
        let yaml = "metrics:\n  listen: 0.0.0.0:9187\n"
        let error = #expect(throws: ConfigurationError.self) {
            try OptOutMilterConfiguration.parse(yaml: yaml, file: "t.yaml")
        }
        #expect(error?.description.hasPrefix("t.yaml:2:") == true, "\(String(describing: error))")
        #expect(error?.description.contains("allow_remote") == true)
        let remote = try OptOutMilterConfiguration.parse(yaml: yaml + "  allow_remote: true\n", file: "t.yaml")
        #expect(remote.metrics.listen == MetricsListenAddress(host: "0.0.0.0", port: 9187))
        #expect(
            try OptOutMilterConfiguration.parse(yaml: "metrics:\n  listen: \"\"\n", file: "t").metrics.listen == nil
        )
        #expect(MetricsListenAddress(parsing: "[::1]:9187")?.isLoopback == true)
        #expect(MetricsListenAddress(parsing: "127.3.4.5:1")?.isLoopback == true)
        #expect(MetricsListenAddress(parsing: "10.0.0.1:9187")?.isLoopback == false)
        #expect(MetricsListenAddress(parsing: "::1:9187") == nil)
    }

    static func get(
        _ server: HTTPListener,
        _ path: String,
        token: String? = nil
    ) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
        if let token {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? -1, String(decoding: data, as: UTF8.self))
    }
}
