import Foundation
import GRDB
import HTTPServer
import OptOutMilter
import Testing

/// `/readyz` over real HTTP while the store behind the snapshot fails: the milter keeps its last
/// snapshot (mail flows), and readiness turns to 503 once that snapshot is older than
/// `metrics.max_snapshot_age`. A healthy store that simply does not change stays ready.
@Suite struct StaleSnapshotReadinessTests {
    @Test(.timeLimit(.minutes(1))) func aFailingStorePastTheAgeLimitIsNotReady() async throws {
        // A limit well above how long one request can take on a loaded machine (the whole test
        // suite runs in parallel), so that only the snapshot's age decides the answers below.
        let daemon = try TestDaemon(extraConfiguration: "metrics:\n  max_snapshot_age: 8\n")
        daemon.readiness.setListening(true)
        let server = try await daemon.start()
        defer { server.stop() }
        #expect(daemon.holder.reloadIfChanged() == nil)
        #expect(try await MetricsHTTPServerTests.get(server, "/readyz").status == 200)

        // Healthy and unchanged: each change check confirms the snapshot, so its age stays
        // below the limit however long the store goes without a change.
        let healthyUntil = ContinuousClock.now + .seconds(9)
        while ContinuousClock.now < healthyUntil {
            #expect(daemon.holder.reloadIfChanged() == nil)
            #expect(try await MetricsHTTPServerTests.get(server, "/readyz").status == 200)
            try await Task.sleep(for: .milliseconds(250))  // the watcher's pace, not a synchronisation
        }

        // The store breaks: its change checks now fail, and the snapshot in force stays the one
        // built before (generation unchanged) while it ages past the limit.
        let generation = daemon.holder.current.generation
        let queue = try DatabaseQueue(path: daemon.directory.appendingPathComponent("suppressions.db").path)
        try await queue.write { db in try db.execute(sql: "DROP TABLE state") }
        var answer = try await MetricsHTTPServerTests.get(server, "/readyz")
        while answer.status == 200 {
            #expect(daemon.holder.reloadIfChanged() == false)
            try await Task.sleep(for: .milliseconds(250))
            answer = try await MetricsHTTPServerTests.get(server, "/readyz")
        }
        #expect(answer.status == 503)
        #expect(answer.body.contains("policy snapshot is"), "\(answer.body)")
        #expect(answer.body.contains("max_snapshot_age"), "\(answer.body)")
        #expect(daemon.holder.current.generation == generation)
        #expect(daemon.holder.statistics.failed > 0)
        let metrics = try await MetricsHTTPServerTests.get(server, "/metrics")
        #expect(metrics.body.contains(#"optout_reloads_total{result="failure"}"#), "\(metrics.body)")

        // /healthz still answers: the process is alive, only not ready.
        #expect(try await MetricsHTTPServerTests.get(server, "/healthz").status == 200)
    }
}
