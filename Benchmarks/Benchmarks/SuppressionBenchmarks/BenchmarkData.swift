import Foundation
import Suppression

/// Lists and stores for the benchmarks, generated once and kept in a cache directory
/// (`$SUPPRESSION_BENCH_DIR`, default `$TMPDIR/optout-milter-suppression-bench`): importing
/// 10 M lines takes a minute, and every benchmark process needs the same store.
enum BenchmarkData {
    static var directory: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["SUPPRESSION_BENCH_DIR"] ?? (NSTemporaryDirectory() + "optout-milter-suppression-bench")
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base
    }

    static func listPath(_ count: Int, _ kind: BenchmarkList) -> String {
        "\(self.directory)/\(kind.prefix)list-\(count).txt"
    }

    static func storePath(_ count: Int, _ kind: BenchmarkList = .mixed) -> String {
        "\(self.directory)/\(kind.prefix)store-\(count).db"
    }

    /// The plain-text list of `count` synthetic entries (generated if missing).
    static func list(_ count: Int, _ kind: BenchmarkList = .mixed) throws -> String {
        let path = self.listPath(count, kind)
        if !FileManager.default.fileExists(atPath: path) {
            try SyntheticAddresses.writeList(count: count, kind: kind, to: path + ".partial")
            try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
        }
        return path
    }

    /// Imports the list of `count` entries into a fresh store at `path`; returns the seconds taken.
    static func importList(_ count: Int, _ kind: BenchmarkList = .mixed, into path: String) throws -> Double {
        let list = try self.list(count, kind)
        self.removeStore(path)
        let clock = ContinuousClock()
        let started = clock.now
        let store = try SQLiteSuppressionStore(path: path)
        _ = try SuppressionImporter(normalizer: .standard).importFile(list, into: store)
        return (clock.now - started).seconds
    }

    /// A store holding the list of `count` entries (imported if missing).
    static func store(_ count: Int, _ kind: BenchmarkList = .mixed) throws -> SQLiteSuppressionStore {
        let path = self.storePath(count, kind)
        if FileManager.default.fileExists(atPath: path + ".complete") {
            return try SQLiteSuppressionStore(path: path)
        }
        _ = try self.importList(count, kind, into: path)
        self.markComplete(path)
        return try SQLiteSuppressionStore(path: path)
    }

    static func markComplete(_ path: String) {
        _ = FileManager.default.createFile(atPath: path + ".complete", contents: nil)
    }

    static func removeStore(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".complete"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Lookup queries: `count` recipients, one in ten on the list, in a shuffled order so that
    /// probes hit memory the way real traffic does (not the cache lines of the previous query).
    static func queries(listSize: Int, count: Int) -> [String] {
        var generator = SplitMix64(seed: 42)
        return (0..<count).map { _ in
            let listed = Int.random(in: 0..<10, using: &generator) == 0
            let index =
                listed
                ? Int.random(in: 0..<(listSize - 1_000), using: &generator)
                : Int.random(in: listSize..<(listSize * 4), using: &generator)
            return SyntheticAddresses.query(index)
        }
    }

    /// Resident set size of this process, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// A small seeded generator, so query sets are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Duration {
    var seconds: Double {
        Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18
    }

    var nanoseconds: Int {
        Int(self.components.seconds) * 1_000_000_000 + Int(self.components.attoseconds / 1_000_000_000)
    }
}
