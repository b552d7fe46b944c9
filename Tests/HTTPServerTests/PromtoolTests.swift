import Foundation
import HTTPServer
import MarketingClassifier
import OptOutMilter
import Policy
import Testing

/// `promtool check metrics` (Debian `prometheus`) on what `/metrics` really serves.
@Suite struct PromtoolTests {
    /// promtool's path; the test fails, naming the package, when it is missing.
    static func promtool() throws -> String {
        for directory in ["/usr/bin", "/usr/local/bin"]
        where FileManager.default.isExecutableFile(atPath: directory + "/promtool") {
            return directory + "/promtool"
        }
        throw PromtoolMissing()
    }

    struct PromtoolMissing: Error, CustomStringConvertible {
        var description: String { "promtool not found: install Debian's prometheus (scripts/install-deps.sh)" }
    }

    /// Runs promtool with `arguments`, feeding `input`; returns its exit status and output.
    static func run(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.promtool())
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func theServedExpositionPassesPromtool() async throws {
        let daemon = try TestDaemon()
        let metrics = daemon.holder.metrics
        metrics.connectionOpened()
        metrics.messageAccepted(.outOfScope)
        let verdict = Verdict(
            score: 7.5,
            threshold: 5,
            hits: [
                Verdict.Hit(ruleID: "discount-offer", description: "", score: 7.5, count: 1, group: nil, evidence: "")
            ]
        )
        let decision = daemon.holder.current.policy.decide(
            PolicyInput(sender: "a@b.example", recipients: [], verdict: verdict)
        )
        metrics.messageJudged(
            verdict: verdict,
            decision: decision,
            recipientCount: 2,
            failed: false,
            duration: .microseconds(180)
        )
        let server = try await daemon.start()
        defer { server.stop() }
        let body = try await MetricsHTTPServerTests.get(server, "/metrics").body
        for (name, _) in PolicyMetrics.help where name != "optout_rule_hits_total" {
            #expect(body.contains("# HELP \(name) "), "no HELP for \(name)")
        }
        #expect(body.contains(#"optout_rule_hits_total{rule="discount-offer"} 1"#))
        let check = try Self.run(["check", "metrics"], input: body)
        #expect(check.status == 0, "promtool: \(check.output)\n\(body)")
    }
}

/// The alerting rules shipped in contrib/prometheus, through their own unit tests.
@Suite struct AlertRuleTests {
    @Test func alertRulesPassTheirPromtoolUnitTests() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let tests = repository.appendingPathComponent("contrib/prometheus/alerts_test.yml").path
        let result = try PromtoolTests.run(["test", "rules", tests])
        #expect(result.status == 0, "promtool test rules: \(result.output)")
    }
}

/// The Grafana dashboard queries only metrics the daemon exports.
@Suite struct DashboardTests {
    @Test func everyQueryNamesAnExportedMetric() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: repository.appendingPathComponent("contrib/grafana/optout-milter.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        let exported = Set(PolicyMetrics.help.map(\.name))
        let expressions = panels.flatMap {
            ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
        }
        #expect(expressions.count >= panels.count)
        for expression in expressions {
            let names = expression.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
                .map(String.init).filter { $0.hasPrefix("optout_") }
            #expect(!names.isEmpty, "\(expression)")
            for name in names {
                let base = ["_bucket", "_count", "_sum"].reduce(name) {
                    $0.hasSuffix($1) ? String($0.dropLast($1.count)) : $0
                }
                #expect(exported.contains(base), "\(name) in \(expression)")
            }
        }
    }
}
