import Foundation

@testable import Suppression

/// A store that hands every call to a real SQLite store: the fault-injecting test stores conform
/// and implement only the calls they intercept.
protocol ForwardingSuppressionStore: SuppressionStore {
    var base: SQLiteSuppressionStore { get }
}

extension ForwardingSuppressionStore {
    func normalizationOptions() throws -> NormalizationOptions { try self.base.normalizationOptions() }
    func changeToken() throws -> Int64 { try self.base.changeToken() }
    func write<T>(_ body: (any SuppressionStoreWriter) throws -> T) throws -> T { try self.base.write(body) }
    func entries(fingerprints: [UInt64]) throws -> [SuppressionEntry] {
        try self.base.entries(fingerprints: fingerprints)
    }
    func forEachEntry(includingRemoved: Bool, _ body: (SuppressionEntry, Date?) throws -> Void) throws {
        try self.base.forEachEntry(includingRemoved: includingRemoved, body)
    }
    func statistics() throws -> SuppressionStatistics { try self.base.statistics() }
    func scanForSnapshot(
        header: (SnapshotSourceHeader) throws -> Void,
        row: (SnapshotSourceRow) throws -> Void
    ) throws {
        try self.base.scanForSnapshot(header: header, row: row)
    }
}
