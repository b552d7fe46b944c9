import Foundation
import HTTPServer
import OptOutMilter
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real Prometheus server (Debian `prometheus`), started on loopback, scrapes the listener with
/// the bearer token, and its query API returns the counter the daemon exported.
@Suite struct PrometheusScrapeTests {
    @Test(.timeLimit(.minutes(1))) func prometheusScrapesTheCounter() async throws {
        let binary = "/usr/bin/prometheus"
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "prometheus not found: install Debian's prometheus (scripts/install-deps.sh)"
        )
        let daemon = try TestDaemon(extraConfiguration: "metrics:\n  token: scrape-token\n")
        for _ in 0..<3 {
            daemon.holder.metrics.messageAccepted(.outOfScope)
        }
        let server = try await daemon.start()
        defer { server.stop() }

        let directory = daemon.directory.appendingPathComponent("prometheus")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configuration = """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: optout-milter
                authorization:
                  credentials: scrape-token
                static_configs:
                  - targets: ["127.0.0.1:\(server.port)"]
            """
        let configPath = directory.appendingPathComponent("prometheus.yml").path
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: configPath))
        let webPort = try FreePort.pick()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--config.file=\(configPath)", "--storage.tsdb.path=\(directory.path)/data",
            "--web.listen-address=127.0.0.1:\(webPort)",
        ]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }

        // Prometheus scrapes on its own schedule: ask its query API until the sample is there
        // (bounded by the test's time limit), each answer being a real query result.
        let query = #"optout_messages_total{verdict="out_of_scope",job="optout-milter"}"#
        var components = URLComponents(string: "http://127.0.0.1:\(webPort)/api/v1/query")!
        components.queryItems = [URLQueryItem(name: "query", value: query)]
        var value: String?
        while value == nil, process.isRunning {
            value = try? await Self.firstValue(components.url!)
            if value == nil {
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        #expect(value == "3")
        let up = try await Self.firstValue(URL(string: "http://127.0.0.1:\(webPort)/api/v1/query?query=up")!)
        #expect(up == "1")
    }

    /// The first sample's value of an instant query, or nil when the result is empty.
    static func firstValue(_ url: URL) async throws -> String? {
        let (data, _) = try await URLSession.shared.data(from: url)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let result = (json?["data"] as? [String: Any])?["result"] as? [[String: Any]]
        return (result?.first?["value"] as? [Any])?.last as? String
    }
}
