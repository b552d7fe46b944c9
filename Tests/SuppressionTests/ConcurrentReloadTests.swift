import Dispatch
import Foundation
import Logging
import Synchronization
import Testing

@testable import Suppression

/// Lookups run on several threads while the store is rewritten and the snapshot reloaded over and
/// over: every snapshot a reader sees must be one whole generation, never a mix (no torn reads),
/// and readers must keep being served while a new snapshot is being built.
@Suite struct ConcurrentReloadTests {
    static let generations = 12
    static let batch = 500
    static let readers = 3

    final class Shared: Sendable {
        let done = Atomic(false)
        let building = Atomic(false)
        let lookups = Atomic(0)
        let lookupsDuringBuilds = Atomic(0)
        let tornReads = Atomic(0)
        let finished = DispatchSemaphore(value: 0)
    }

    static func address(_ generation: Int, _ index: Int) -> String {
        "Member\(index)+g@Gen\(generation).example"
    }

    static func replace(_ temporary: TemporaryStore, generation: Int) throws {
        let normalizer = AddressNormalizer.standard
        try temporary.store.write { writer in
            if generation > 0 {
                _ = try writer.remove(
                    key: SuppressionKey.parse("@gen\(generation - 1).example", normalizer: normalizer),
                    scope: nil
                )
                for index in 0..<Self.batch {
                    _ = try writer.remove(
                        key: SuppressionKey.parse(Self.address(generation - 1, index), normalizer: normalizer),
                        scope: nil
                    )
                }
            }
            for index in 0..<Self.batch {
                let text = Self.address(generation, index)
                try writer.add(
                    NewSuppressionEntry(
                        key: try SuppressionKey.parse(text, normalizer: normalizer),
                        raw: text,
                        source: "test",
                        reason: "test"
                    )
                )
            }
            let domain = "@gen\(generation).example"
            try writer.add(
                NewSuppressionEntry(
                    key: try SuppressionKey.parse(domain, normalizer: normalizer),
                    raw: domain,
                    source: "test",
                    reason: "test"
                )
            )
        }
    }

    /// Checks one snapshot: exactly one generation, complete.
    static func check(_ snapshot: SuppressionSnapshot, generator: inout SystemRandomNumberGenerator) -> Bool {
        let now = Date()
        guard snapshot.count == Self.batch + 1 else { return false }
        var present: [Int] = []
        for generation in 0..<Self.generations
        where (try? snapshot.isSuppressed(recipient: "Member0@gen\(generation).example", at: now)) == true {
            present.append(generation)
        }
        guard present.count == 1, let generation = present.first else { return false }
        for _ in 0..<20 {
            let index = Int.random(in: 0..<Self.batch, using: &generator)
            guard let match = try? snapshot.lookup(recipient: Self.address(generation, index), at: now),
                match.kind == .exact
            else { return false }
        }
        return (try? snapshot.isSuppressed(recipient: "nobody@gen\(generation).example", at: now)) == true
            && (try? snapshot.isSuppressed(recipient: "nobody@gen\(generation + 1).example", at: now)) == false
    }

    @Test func lookupsDuringReloadsSeeWholeSnapshots() throws {
        let temporary = try TemporaryStore()
        try Self.replace(temporary, generation: 0)
        let logger = Logger(label: "suppression-tests", factory: { _ in SwiftLogNoOpLogHandler() })
        let holder = try SuppressionSnapshotHolder(store: temporary.store, logger: logger)
        let shared = Shared()

        for _ in 0..<Self.readers {
            let thread = Thread {
                var generator = SystemRandomNumberGenerator()
                while !shared.done.load(ordering: .acquiring) {
                    let duringBuild = shared.building.load(ordering: .relaxed)
                    if !Self.check(holder.current, generator: &generator) {
                        shared.tornReads.add(1, ordering: .relaxed)
                    }
                    shared.lookups.add(1, ordering: .relaxed)
                    if duringBuild && shared.building.load(ordering: .relaxed) {
                        shared.lookupsDuringBuilds.add(1, ordering: .relaxed)
                    }
                }
                shared.finished.signal()
            }
            thread.start()
        }

        var failures = 0
        for generation in 1..<Self.generations {
            try Self.replace(temporary, generation: generation)
            shared.building.store(true, ordering: .relaxed)
            if case .failure = holder.reload() {
                failures += 1
            }
            shared.building.store(false, ordering: .relaxed)
        }
        shared.done.store(true, ordering: .releasing)
        for _ in 0..<Self.readers {
            #expect(shared.finished.wait(timeout: .now() + .seconds(60)) == .success)
        }

        #expect(failures == 0)
        #expect(shared.tornReads.load(ordering: .relaxed) == 0)
        #expect(shared.lookups.load(ordering: .relaxed) > 0)
        #expect(shared.lookupsDuringBuilds.load(ordering: .relaxed) > 0)
        #expect(try holder.current.isSuppressed(recipient: "member1@gen\(Self.generations - 1).example"))
        #expect(holder.statistics.succeeded == Self.generations)
    }
}
