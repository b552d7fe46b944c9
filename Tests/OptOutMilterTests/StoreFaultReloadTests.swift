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

    /// An import holds the store's write lock (its transaction is open) while the daemon reloads:
    /// the reload neither waits for the lock (SQLite's busy timeout is 30 s; a waiting reload would
    /// still be inside the import below when it failed) nor sees the uncommitted rows. It serves the
    /// last commit, and the next reload after the commit picks the import up.
    @Test func aReloadDuringAnImportServesTheLastCommitWithoutWaiting() throws {
        let importer = try SuppressionStoreURL(self.fixture.storeURL).open()
        let normalizer = try AddressNormalizer(options: importer.normalizationOptions())
        let duringImport = try importer.write { writer -> (reloaded: Bool, johnSuppressed: Bool) in
            try writer.add(
                NewSuppressionEntry(
                    key: try SuppressionKey.parse("john@example.com", normalizer: normalizer, subdomains: false),
                    raw: "john@example.com",
                    scope: .allMarketing,
                    effectiveAt: Date(timeIntervalSince1970: 1_700_000_000),
                    source: "import",
                    reason: "test"
                )
            )
            let reloaded = self.holder.reload()
            let john = try self.holder.current.suppression.lookup(recipient: "john@example.com", category: "marketing")
            return (reloaded, john != nil)
        }
        #expect(duringImport.reloaded, "\(self.holder.statistics.lastError ?? "")")
        #expect(!duringImport.johnSuppressed, "an uncommitted import is not in force")
        #expect(try self.holder.current.suppression.lookup(recipient: "jane@example.com", category: "marketing") != nil)
        #expect(self.holder.reload())
        #expect(try self.holder.current.suppression.lookup(recipient: "john@example.com", category: "marketing") != nil)
        #expect(Exposition(self.registry).value("optout_suppression_entries") == 2)
        #expect(Exposition(self.registry).value(#"optout_reloads_total{result="failure"}"#) == 0)
    }
}
