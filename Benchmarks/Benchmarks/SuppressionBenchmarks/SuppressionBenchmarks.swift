import Benchmark
import Foundation
import Logging
import Suppression

// Suppression list at 1 M and 10 M entries: import, snapshot build and its resident memory,
// lookup latency (normalise + SHA-256 + probe) and throughput, and a reload under lookup load.
// Run: cd Benchmarks && swift package --disable-sandbox benchmark --target SuppressionBenchmarks
// Generated lists and stores are cached in $SUPPRESSION_BENCH_DIR (see BenchmarkData).
let benchmarks: @Sendable () -> Void = {
    componentBenchmarks()
    for size in [1_000_000, 10_000_000] {
        let label = size == 1_000_000 ? "1M" : "10M"
        let iterations = size == 1_000_000 ? 3 : 1

        Benchmark(
            "Import \(label) lines",
            configuration: .init(
                metrics: [
                    .wallClock, .peakMemoryResident,
                    .custom("lines per second", polarity: .prefersLarger, useScalingFactor: false),
                ],
                timeUnits: .seconds,
                warmupIterations: 0,
                maxDuration: .seconds(900),
                maxIterations: iterations
            )
        ) { benchmark in
            // The imported store is kept as the store the other benchmarks of this size use.
            let path = BenchmarkData.storePath(size)
            _ = try BenchmarkData.list(size)
            benchmark.startMeasurement()
            let seconds = try BenchmarkData.importList(size, into: path)
            benchmark.stopMeasurement()
            BenchmarkData.markComplete(path)
            benchmark.measurement(
                .custom("lines per second", polarity: .prefersLarger, useScalingFactor: false),
                Int(Double(size) / seconds)
            )
        }

        Benchmark(
            "Snapshot build \(label)",
            configuration: .init(
                metrics: [.wallClock, .custom("snapshot resident bytes per entry"), .custom("index bytes per entry")],
                timeUnits: .milliseconds,
                warmupIterations: 0,
                maxDuration: .seconds(900),
                maxIterations: iterations
            )
        ) { benchmark in
            let store = try BenchmarkData.store(size)
            benchmark.startMeasurement()
            var snapshot: SuppressionSnapshot? = try SuppressionSnapshot.build(from: store)
            benchmark.stopMeasurement()
            let count = snapshot!.count
            let indexBytes = snapshot!.indexBytes
            let withSnapshot = BenchmarkData.residentBytes()
            snapshot = nil
            let without = BenchmarkData.residentBytes()
            benchmark.measurement(.custom("snapshot resident bytes per entry"), (withSnapshot - without) / count)
            benchmark.measurement(.custom("index bytes per entry"), indexBytes / count)
        }

        perCallLookupBenchmark("Lookup \(label) (per-call timer)", size: size, list: .mixed)
        perCallLookupBenchmark("Lookup \(label) addresses only (per-call timer)", size: size, list: .addresses)

        Benchmark(
            "Lookup \(label)",
            configuration: .init(
                metrics: [.wallClock, .throughput, .mallocCountTotal],
                timeUnits: .nanoseconds,
                warmupIterations: 1_000,
                scalingFactor: .one,
                maxDuration: .seconds(20),
                maxIterations: 1_000_000
            )
        ) { benchmark, state in
            for _ in benchmark.scaledIterations {
                let next = state.next.pointee &+ 1
                state.next.pointee = next
                blackHole(
                    (try? state.snapshot.isSuppressed(recipient: state.queries[next % state.queries.count])) ?? true
                )
            }
        } setup: {
            LookupState(
                snapshot: try SuppressionSnapshot.build(from: BenchmarkData.store(size)),
                queries: BenchmarkData.queries(listSize: size, count: 1_000_000)
            )
        }

        Benchmark(
            "Reload \(label) while serving lookups",
            configuration: .init(
                metrics: [
                    .wallClock,
                    .custom("lookups served during reload", polarity: .prefersLarger, useScalingFactor: false),
                    .custom("p99 ns during reload"), .custom("max ns during reload"),
                ],
                timeUnits: .milliseconds,
                warmupIterations: 0,
                maxDuration: .seconds(900),
                maxIterations: 1
            )
        ) { benchmark in
            let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
            let holder = try SuppressionSnapshotHolder(store: BenchmarkData.store(size), logger: logger)
            let queries = BenchmarkData.queries(listSize: size, count: 1_000_000)
            let reader = ReloadReader(holder: holder, queries: queries)
            reader.start()
            benchmark.startMeasurement()
            let outcome = holder.reload()
            benchmark.stopMeasurement()
            let report = reader.stop()
            _ = try outcome.get()
            benchmark.measurement(
                .custom("lookups served during reload", polarity: .prefersLarger, useScalingFactor: false),
                report.count
            )
            benchmark.measurement(.custom("p99 ns during reload"), report.p99)
            benchmark.measurement(.custom("max ns during reload"), report.max)
        }
    }
}

/// Times 1 M lookups one by one against a snapshot of `list`: p50, p99 and p99.9 as measured and
/// with the timer's own cost (two clock reads) subtracted, which is the lookup's latency.
func perCallLookupBenchmark(_ name: String, size: Int, list: BenchmarkList) {
    Benchmark(
        name,
        configuration: .init(
            metrics: [
                .custom("p50 ns"), .custom("p99 ns"), .custom("p99.9 ns"), .custom("timer overhead ns"),
                .custom("p50 ns net of timer"), .custom("p99 ns net of timer"),
                .custom("lookups per second", polarity: .prefersLarger, useScalingFactor: false),
            ],
            warmupIterations: 0,
            maxDuration: .seconds(900),
            maxIterations: 1
        )
    ) { benchmark in
        let snapshot = try SuppressionSnapshot.build(from: BenchmarkData.store(size, list))
        let queries = BenchmarkData.queries(listSize: size, count: 1_000_000)
        let report = LookupTiming.measure(snapshot, queries: queries)
        benchmark.measurement(.custom("p50 ns"), report.p50)
        benchmark.measurement(.custom("p99 ns"), report.p99)
        benchmark.measurement(.custom("p99.9 ns"), report.p999)
        benchmark.measurement(.custom("timer overhead ns"), report.timerOverhead)
        benchmark.measurement(.custom("p50 ns net of timer"), report.p50 - report.timerOverhead)
        benchmark.measurement(.custom("p99 ns net of timer"), report.p99 - report.timerOverhead)
        benchmark.measurement(
            .custom("lookups per second", polarity: .prefersLarger, useScalingFactor: false),
            report.perSecond
        )
    }
}

/// State shared by the iterations of the framework-timed lookup benchmark.
/// The query counter is a raw pointer so that the measured loop pays no exclusivity check.
final class LookupState: @unchecked Sendable {
    let snapshot: SuppressionSnapshot
    let queries: [String]
    let next = UnsafeMutablePointer<Int>.allocate(capacity: 1)

    init(snapshot: SuppressionSnapshot, queries: [String]) {
        self.snapshot = snapshot
        self.queries = queries
        self.next.initialize(to: 0)
    }

    deinit {
        self.next.deallocate()
    }
}
