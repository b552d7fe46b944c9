import Foundation
import Testing

@testable import Suppression

@Suite struct SQLiteSuppressionStoreTests {
    @Test func addingAgainKeepsOneEntryWithTheEarlierTime() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["jane@example.com"], effectiveAt: Date(timeIntervalSince1970: 2_000))
        try temporary.add(["Jane+x@Example.com"], effectiveAt: Date(timeIntervalSince1970: 1_000))
        try temporary.add(["jane@example.com"], effectiveAt: Date(timeIntervalSince1970: 3_000))
        var entries: [SuppressionEntry] = []
        try temporary.store.forEachEntry(includingRemoved: false) { entry, _ in entries.append(entry) }
        #expect(entries.count == 1)
        #expect(entries.first?.effectiveAt == Date(timeIntervalSince1970: 1_000))
        #expect(entries.first?.raw == "jane@example.com")

        try temporary.add(["jane@example.com"], scope: .categories(["offers"]))
        #expect(try temporary.store.statistics().active == 2)
    }

    @Test func removedEntriesStayAsHistoryAndCanBeRevived() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["jane@example.com"], effectiveAt: Date(timeIntervalSince1970: 1_000))
        let key = try SuppressionKey.parse("jane@example.com", normalizer: .standard)
        #expect(try temporary.store.write { try $0.remove(key: key, scope: nil) } == 1)
        #expect(try temporary.store.write { try $0.remove(key: key, scope: nil) } == 0)
        var removed: [Date?] = []
        try temporary.store.forEachEntry(includingRemoved: true) { _, removedAt in removed.append(removedAt) }
        #expect(removed.count == 1 && removed[0] != nil)
        #expect(try temporary.store.statistics().removed == 1)

        try temporary.add(["jane@example.com"], effectiveAt: Date(timeIntervalSince1970: 5_000))
        var revived: [SuppressionEntry] = []
        try temporary.store.forEachEntry(includingRemoved: false) { entry, _ in revived.append(entry) }
        #expect(revived.map(\.effectiveAt) == [Date(timeIntervalSince1970: 5_000)])
    }

    @Test func changeTokenMovesOnlyWhenSomethingChanged() throws {
        let temporary = try TemporaryStore()
        let start = try temporary.store.changeToken()
        try temporary.add(["jane@example.com"])
        let afterAdd = try temporary.store.changeToken()
        #expect(afterAdd > start)
        let nothing = try SuppressionKey.parse("nobody@example.com", normalizer: .standard)
        _ = try temporary.store.write { try $0.remove(key: nothing, scope: nil) }
        #expect(try temporary.store.changeToken() == afterAdd)
    }

    @Test func aThrowingWriteLeavesNothingBehind() throws {
        struct Abort: Error {}
        let temporary = try TemporaryStore()
        let token = try temporary.store.changeToken()
        #expect(throws: Abort.self) {
            try temporary.store.write { writer in
                try writer.add(
                    NewSuppressionEntry(
                        key: SuppressionKey.parse("jane@example.com", normalizer: .standard),
                        raw: "jane@example.com",
                        source: "test",
                        reason: "test"
                    )
                )
                throw Abort()
            }
        }
        #expect(try temporary.store.statistics().active == 0)
        #expect(try temporary.store.changeToken() == token)
    }

    @Test func optionsAreRecordedAtCreationAndKept() throws {
        let options = NormalizationOptions(lowercaseLocalPart: false, subaddressSeparators: "-", providerRules: [])
        let temporary = try TemporaryStore(normalization: options)
        #expect(try temporary.store.normalizationOptions() == options)
        let reopened = try SQLiteSuppressionStore(path: temporary.store.path, normalization: .standard)
        #expect(try reopened.normalizationOptions() == options)
    }

    @Test func storeURLsAreParsed() throws {
        #expect(try SuppressionStoreURL("sqlite:/var/lib/x.db").backend == .sqlite(path: "/var/lib/x.db"))
        #expect(try SuppressionStoreURL("sqlite:///var/lib/x.db").backend == .sqlite(path: "/var/lib/x.db"))
        #expect(try SuppressionStoreURL("/tmp/x.db").backend == .sqlite(path: "/tmp/x.db"))
        #expect(try SuppressionStoreURL("postgres://db/opt").backend == .postgres("postgres://db/opt"))
        #expect(throws: StoreURLError.self) { try SuppressionStoreURL("mysql://db") }
        #expect(throws: StoreURLError.self) { try SuppressionStoreURL("sqlite:") }
        #expect(throws: StoreURLError.self) { try SuppressionStoreURL("postgres://db/opt").open() }
    }
}
