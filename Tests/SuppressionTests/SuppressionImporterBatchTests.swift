import Foundation
import Testing

@testable import Suppression

/// Imports that span several batches: read on one thread, written on another, in sorted order.
@Suite struct SuppressionImporterBatchTests {
    /// A CSV of `count` addresses, each listed twice (first at a later time with its own reason,
    /// then earlier with another), in two scopes, so duplicates meet across batches.
    static func duplicatedList(_ count: Int) -> String {
        var text = "email,effective_at,reason,scope\n"
        for index in 0..<count {
            text += "User\(index)@Example.com,2024-03-01T00:00:00Z,first,\(index % 2 == 0 ? "*" : "newsletter")\n"
        }
        for index in 0..<count {
            text += "user\(index)@example.com,2023-01-01T00:00:00Z,second,\(index % 2 == 0 ? "*" : "newsletter")\n"
        }
        return text
    }

    @Test func duplicatesAcrossBatchesMergeAsInOneBatch() throws {
        let temporary = try TemporaryStore()
        let path = try temporary.file("list.csv", Self.duplicatedList(500))
        let report = try SuppressionImporter(normalizer: .standard).importFile(
            path,
            into: temporary.store,
            batchSize: 64
        )
        #expect(report.entries == 1_000)
        #expect(try temporary.store.statistics().active == 500)
        #expect(try temporary.store.statistics().activeByScope == ["*": 250, "newsletter": 250])

        let newsletter = try SuppressionScope(parsing: "newsletter")
        var entries: [String: SuppressionEntry] = [:]
        try temporary.store.forEachEntry(includingRemoved: false) { entry, _ in entries[entry.key.key] = entry }
        for index in [0, 1, 63, 64, 499] {
            let entry = try #require(entries["user\(index)@example.com"])
            // The first line read keeps its raw text and reason; the earliest time wins.
            #expect(entry.raw == "User\(index)@Example.com")
            #expect(entry.reason == "first")
            #expect(entry.effectiveAt == Date(timeIntervalSince1970: 1_672_531_200))
            #expect(entry.scope == (index % 2 == 0 ? .allMarketing : newsletter))
        }
    }

    @Test func aBadLineAfterManyBatchesChangesNothing() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["existing@example.com"])
        let tokenBefore = try temporary.store.changeToken()
        var text = (0..<1_000).map { "user\($0)@example.com\n" }.joined()
        text += "not an address\n"
        let path = try temporary.file("list.txt", text)
        #expect {
            try SuppressionImporter(normalizer: .standard).importFile(path, into: temporary.store, batchSize: 50)
        } throws: { error in
            guard let error = error as? ImportError else { return false }
            return error.line == 1_001 && error.file == path
        }
        #expect(try temporary.store.changeToken() == tokenBefore)
        #expect(try temporary.store.statistics().active == 1)
    }

    @Test func aFailingWriteStopsTheReaderAndIsThrown() throws {
        let temporary = try TemporaryStore()
        let path = try temporary.file("list.txt", (0..<2_000).map { "user\($0)@example.com\n" }.joined())
        let store = FailingWriteStore(temporary.store, failAfter: 150)
        #expect(throws: FailingWriteStore.Injected.self) {
            try SuppressionImporter(normalizer: .standard).importFile(path, into: store, batchSize: 100)
        }
        #expect(try temporary.store.statistics().active == 0)
        // The same list then imports in full through the store's own writer.
        let report = try SuppressionImporter(normalizer: .standard).importFile(path, into: temporary.store)
        #expect(report.entries == 2_000)
        #expect(try temporary.store.statistics().active == 2_000)
    }
}

/// A real SQLite store whose writer fails after a number of adds, as a full disk would; its
/// writer has no byte-level insert of its own, so imports also take the protocol's default one.
final class FailingWriteStore: ForwardingSuppressionStore {
    struct Injected: Error {}

    final class Writer: SuppressionStoreWriter {
        let base: any SuppressionStoreWriter
        var remaining: Int

        init(_ base: any SuppressionStoreWriter, failAfter: Int) {
            self.base = base
            self.remaining = failAfter
        }

        func add(_ entry: NewSuppressionEntry) throws {
            guard self.remaining > 0 else { throw Injected() }
            self.remaining -= 1
            try self.base.add(entry)
        }

        func remove(key: SuppressionKey, scope: SuppressionScope?) throws -> Int {
            try self.base.remove(key: key, scope: scope)
        }

        func remove(id: Int64) throws -> Bool { try self.base.remove(id: id) }
    }

    let base: SQLiteSuppressionStore
    let failAfter: Int

    init(_ base: SQLiteSuppressionStore, failAfter: Int) {
        self.base = base
        self.failAfter = failAfter
    }

    func write<T>(_ body: (any SuppressionStoreWriter) throws -> T) throws -> T {
        try self.base.write { try body(Writer($0, failAfter: self.failAfter)) }
    }
}
