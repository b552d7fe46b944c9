import Benchmark
import Foundation
import Suppression

/// Where a lookup's time goes: the same 1 M queries against snapshots that hold almost nothing,
/// so every probe hits cache and only the work per lookup remains.
///
/// - `normalise only`: an empty snapshot (no table is probed);
/// - `+ SHA-256 and probe`: one exact entry;
/// - `+ domain walk`: plus one domain entry;
/// - `+ hashed-list probe`: plus one SHA-256 entry (basic form hashed when it differs).
func componentBenchmarks() {
    let variants: [(String, [String])] = [
        ("normalise only", []),
        ("+ SHA-256 and probe", ["someone@example.com"]),
        ("+ domain walk", ["someone@example.com", "@blocked.example"]),
        ("+ hashed-list probe", ["someone@example.com", "@blocked.example", AddressHashes.sha256Hex("x@example.com")]),
    ]
    for (name, entries) in variants {
        Benchmark(
            "Lookup parts: \(name)",
            configuration: .init(
                metrics: [
                    .custom("p50 ns"), .custom("p99 ns"),
                    .custom("lookups per second", polarity: .prefersLarger, useScalingFactor: false),
                ],
                warmupIterations: 0,
                maxDuration: .seconds(120),
                maxIterations: 1
            )
        ) { benchmark in
            let snapshot = try ComponentBenchmarkStore.snapshot(entries)
            let report = LookupTiming.measure(
                snapshot,
                queries: BenchmarkData.queries(listSize: 1_000_000, count: 1_000_000)
            )
            benchmark.measurement(.custom("p50 ns"), report.p50)
            benchmark.measurement(.custom("p99 ns"), report.p99)
            benchmark.measurement(
                .custom("lookups per second", polarity: .prefersLarger, useScalingFactor: false),
                report.perSecond
            )
        }
    }
}

enum ComponentBenchmarkStore {
    static func snapshot(_ entries: [String]) throws -> SuppressionSnapshot {
        let path = BenchmarkData.directory + "/components-\(entries.count).db"
        BenchmarkData.removeStore(path)
        defer { BenchmarkData.removeStore(path) }
        let store = try SQLiteSuppressionStore(path: path)
        try store.write { writer in
            for entry in entries {
                try writer.add(
                    NewSuppressionEntry(
                        key: try SuppressionKey.parse(entry, normalizer: .standard),
                        raw: entry,
                        source: "benchmark",
                        reason: "benchmark"
                    )
                )
            }
        }
        return try SuppressionSnapshot.build(from: store)
    }
}
