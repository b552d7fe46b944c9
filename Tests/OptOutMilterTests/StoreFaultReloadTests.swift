import Foundation
import Prometheus
import Suppression
import Testing

@testable import OptOutMilter

/// A suppression store that goes bad under a running daemon: the snapshot in force stays (mail is
/// judged on the last good list), and the statistics, the metrics and the error say so.
@Suite struct StoreFaultReloadTests {
    let fixture: PolicyFixture
    let registry = PrometheusCollectorRegistry()
    let holder: SnapshotHolder

    init() throws {
        self.fixture = try PolicyFixture()
        try self.fixture.suppress("jane@example.com")
        let metrics = PolicyMetrics(factory: PrometheusMetricsFactory(registry: self.registry), version: "t")
        self.holder = try self.fixture.holder(metrics: metrics)
    }

    func expectOldSnapshotInForce(failures: Double) throws {
        #expect(self.holder.current.generation == 1)
        #expect(try self.holder.current.suppression.lookup(recipient: "jane@example.com", category: "marketing") != nil)
        let metrics = Exposition(self.registry)
        #expect(metrics.value("optout_last_reload_success") == 0)
        #expect(metrics.value(#"optout_reloads_total{result="failure"}"#) == failures)
        #expect(metrics.value("optout_suppression_entries") == 1)
    }

    @Test func aReloadOntoACorruptStoreKeepsTheSnapshot() throws {
        #expect(Exposition(self.registry).value("optout_last_reload_success") == 1)
        let corrupt = self.fixture.directory.appendingPathComponent("corrupt.db").path
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: corrupt))
        try self.fixture.writeConfiguration("suppression:\n  store: sqlite:\(corrupt)\n")
        #expect(!self.holder.reload())
        #expect(
            self.holder.statistics.lastError?.contains(corrupt) == true,
            "\(self.holder.statistics.lastError ?? "")"
        )
        try self.expectOldSnapshotInForce(failures: 1)
    }
}
