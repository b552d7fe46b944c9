import Dispatch
import Foundation
import Logging
import Synchronization
import Testing

@testable import Suppression

@Suite struct SuppressionSnapshotHolderTests {
    static let logger = Logger(label: "suppression-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test func reloadPicksUpChangesAndReloadIfChangedSkipsWhenNothingChanged() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["one@example.com"])
        let holder = try SuppressionSnapshotHolder(store: temporary.store, logger: Self.logger)
        let first = holder.current
        #expect(try holder.isSuppressed("one@example.com"))
        #expect(holder.reloadIfChanged() == nil)
        #expect(holder.current === first)

        try temporary.add(["two@example.com"])
        #expect(try !holder.isSuppressed("two@example.com"))
        let outcome = try #require(holder.reloadIfChanged())
        #expect(try outcome.get().count == 2)
        #expect(try holder.isSuppressed("two@example.com"))
        #expect(holder.current.changeToken == (try temporary.store.changeToken()))

        _ = holder.reload()
        #expect(holder.statistics.succeeded == 3)
        #expect(holder.statistics.failed == 0)
        #expect(holder.statistics.entries == 2)
    }

    @Test func failedReloadKeepsTheOldSnapshotAndIsCounted() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["one@example.com"])
        let store = FailingStore(temporary.store)
        let holder = try SuppressionSnapshotHolder(store: store, logger: Self.logger)
        let before = holder.current

        try temporary.add(["two@example.com"])
        store.failScans.store(true, ordering: .relaxed)
        let outcome = holder.reload()
        #expect(throws: FailingStore.Injected.self) { try outcome.get() }
        #expect(holder.current === before)
        #expect(try holder.isSuppressed("one@example.com"))
        #expect(holder.statistics.failed == 1)
        #expect(holder.statistics.lastError == "\(FailingStore.Injected())")

        store.failScans.store(false, ordering: .relaxed)
        #expect(try #require(holder.reloadIfChanged()).get().count == 2)
        #expect(holder.statistics.failed == 1)
    }

    @Test func theFirstBuildMustSucceed() throws {
        let temporary = try TemporaryStore()
        let store = FailingStore(temporary.store)
        store.failScans.store(true, ordering: .relaxed)
        #expect(throws: FailingStore.Injected.self) { try SuppressionSnapshotHolder(store: store, logger: Self.logger) }
    }

    @Test func watcherReloadsWhenTheStoreChanges() throws {
        let temporary = try TemporaryStore()
        let holder = try SuppressionSnapshotHolder(store: temporary.store, logger: Self.logger)
        let reloaded = DispatchSemaphore(value: 0)
        let watcher = SuppressionStoreWatcher(holder: holder, interval: .milliseconds(20)) { _ in reloaded.signal() }
        watcher.start()
        defer { watcher.stop() }
        try temporary.add(["late@example.com"])
        #expect(reloaded.wait(timeout: .now() + .seconds(30)) == .success)
        #expect(try holder.isSuppressed("late@example.com"))
        #expect(holder.statistics.succeeded == 2)
    }
}

extension SuppressionSnapshotHolder {
    func isSuppressed(_ recipient: String) throws -> Bool {
        try self.current.isSuppressed(recipient: recipient, at: Date(timeIntervalSince1970: 1_800_000_000))
    }
}

/// A real SQLite store whose snapshot reads can be made to fail, as a disk or schema error would.
final class FailingStore: ForwardingSuppressionStore {
    struct Injected: Error, CustomStringConvertible {
        var description: String { "injected read failure" }
    }

    let base: SQLiteSuppressionStore
    let failScans = Atomic(false)

    init(_ base: SQLiteSuppressionStore) {
        self.base = base
    }

    func scanForSnapshot(
        header: (SnapshotSourceHeader) throws -> Void,
        row: (SnapshotSourceRow) throws -> Void
    ) throws {
        try self.base.scanForSnapshot(header: header) { entry in
            if self.failScans.load(ordering: .relaxed) {
                throw Injected()
            }
            try row(entry)
        }
        if self.failScans.load(ordering: .relaxed) {
            throw Injected()
        }
    }
}
