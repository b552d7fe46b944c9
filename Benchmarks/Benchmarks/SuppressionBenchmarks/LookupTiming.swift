import Benchmark
import Foundation
import Suppression
import Synchronization

/// Times every lookup on its own (CLOCK_MONOTONIC around each call, so figures include ~20 ns of
/// timer cost), then all of them back to back for throughput on one core.
enum LookupTiming {
    struct Report {
        var p50: Int
        var p99: Int
        var p999: Int
        var perSecond: Int
        /// p50 of two back-to-back clock reads: included in every per-call figure.
        var timerOverhead: Int
    }

    @inline(__always)
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    @inline(never)
    static func touch(_ string: String) {
        var string = string
        blackHole(string.withUTF8 { $0.reduce(0, &+) })
    }

    static func measure(_ snapshot: SuppressionSnapshot, queries: [String]) -> Report {
        var samples = [UInt64](repeating: 0, count: queries.count)
        var hits = 0
        let date = Date()  // the caller passes the message time: one clock read per message, not per lookup
        for (index, query) in queries.enumerated() {
            // The MTA has just handed the milter this address: its bytes are in cache. Without
            // this the figure would mostly time fetching a cold benchmark string from memory.
            self.touch(query)
            let start = self.now()
            let suppressed = (try? snapshot.isSuppressed(recipient: query, at: date)) ?? true
            samples[index] = self.now() - start
            hits += suppressed ? 1 : 0
        }
        let clock = ContinuousClock()
        let started = clock.now
        for query in queries {
            hits += (try? snapshot.isSuppressed(recipient: query, at: date)) ?? true ? 1 : 0
        }
        let elapsed = (clock.now - started).seconds
        blackHole(hits)
        samples.sort()
        var overhead = [UInt64](repeating: 0, count: 100_000)
        for index in overhead.indices {
            let start = self.now()
            overhead[index] = self.now() - start
        }
        overhead.sort()
        return Report(
            p50: Int(samples[samples.count / 2]),
            p99: Int(samples[samples.count * 99 / 100]),
            p999: Int(samples[samples.count * 999 / 1000]),
            perSecond: Int(Double(queries.count) / elapsed),
            timerOverhead: Int(overhead[overhead.count / 2])
        )
    }
}

/// A thread that looks recipients up through a holder until stopped, timing each lookup.
final class ReloadReader: @unchecked Sendable {
    let holder: SuppressionSnapshotHolder
    let queries: [String]
    private let stopping = Atomic(false)
    private let finished = DispatchSemaphore(value: 0)
    private var samples: [UInt64] = []

    init(holder: SuppressionSnapshotHolder, queries: [String]) {
        self.holder = holder
        self.queries = queries
        self.samples.reserveCapacity(50_000_000)
    }

    func start() {
        let thread = Thread { [self] in
            var index = 0
            let date = Date()
            while !self.stopping.load(ordering: .acquiring) {
                let query = self.queries[index % self.queries.count]
                LookupTiming.touch(query)
                let start = LookupTiming.now()
                blackHole((try? self.holder.current.isSuppressed(recipient: query, at: date)) ?? true)
                self.samples.append(LookupTiming.now() - start)
                index += 1
            }
            self.finished.signal()
        }
        thread.start()
    }

    /// Stops the thread and summarises what it saw (count, p99, max in ns).
    func stop() -> (count: Int, p99: Int, max: Int) {
        self.stopping.store(true, ordering: .releasing)
        self.finished.wait()
        guard !self.samples.isEmpty else { return (0, 0, 0) }
        self.samples.sort()
        return (self.samples.count, Int(self.samples[self.samples.count * 99 / 100]), Int(self.samples.last!))
    }
}
