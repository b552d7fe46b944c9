import Foundation
import GRDB
import GRDBSQLite

/// The embedded store: one SQLite file in WAL mode (readers never block the writer, so the daemon
/// keeps reading while `suppress import` writes), schema managed by GRDB migrations.
///
/// Change detection uses a `generation` counter bumped inside every write transaction rather than
/// `PRAGMA data_version`: the counter is read in the same transaction as the rows a snapshot is
/// built from (so a snapshot knows exactly which version it holds), it works from any pooled
/// connection (`data_version` is per connection), and the PostgreSQL store can do the same.
/// Writers other than this type must bump it too (`UPDATE state SET generation = generation + 1`).
public final class SQLiteSuppressionStore: SuppressionStore {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating and migrating if needed) the store at `path`.
    ///
    /// - Parameter normalization: options recorded when the file is created; an existing store
    ///   keeps the options it was created with.
    public init(path: String, normalization: NormalizationOptions = .standard) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "suppression"
        self.path = path
        self.pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator(normalization: normalization).migrate(self.pool)
    }

    static func migrator(normalization: NormalizationOptions) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: entries, scopes, state") { db in
            try db.execute(
                sql: """
                    CREATE TABLE state (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        generation INTEGER NOT NULL,
                        normalization TEXT NOT NULL
                    );
                    CREATE TABLE scope (id INTEGER PRIMARY KEY, spec TEXT NOT NULL UNIQUE);
                    INSERT INTO scope (id, spec) VALUES (1, '*');
                    CREATE TABLE entry (
                        id INTEGER PRIMARY KEY,
                        kind INTEGER NOT NULL,
                        key TEXT NOT NULL,
                        fingerprint INTEGER NOT NULL,
                        scope_id INTEGER NOT NULL REFERENCES scope(id),
                        effective_at INTEGER NOT NULL,
                        raw TEXT NOT NULL,
                        source TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        removed_at INTEGER
                    );
                    CREATE UNIQUE INDEX entry_identity ON entry (fingerprint, kind, scope_id);
                    """
            )
            let options = String(decoding: try JSONEncoder().encode(normalization), as: UTF8.self)
            try db.execute(
                sql: "INSERT INTO state (id, generation, normalization) VALUES (1, 1, ?)",
                arguments: [options]
            )
        }
        Self.registerXXH3Migration(&migrator)
        return migrator
    }

    public func normalizationOptions() throws -> NormalizationOptions {
        try self.pool.read(Self.normalizationOptions)
    }

    static func normalizationOptions(_ db: Database) throws -> NormalizationOptions {
        let json = try String.fetchOne(db, sql: "SELECT normalization FROM state WHERE id = 1") ?? "{}"
        return try JSONDecoder().decode(NormalizationOptions.self, from: Data(json.utf8))
    }

    public func changeToken() throws -> Int64 {
        try self.pool.read { db in try Int64.fetchOne(db, sql: "SELECT generation FROM state WHERE id = 1") ?? 0 }
    }

    public func write<T>(_ body: (any SuppressionStoreWriter) throws -> T) throws -> T {
        try self.pool.write { db in
            // Imports touch millions of index pages: a larger page cache keeps them in memory.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let writer = Writer(db: db)
            let result = try body(writer)
            if writer.changed {
                try db.execute(sql: "UPDATE state SET generation = generation + 1 WHERE id = 1")
            }
            return result
        }
    }

    public func entries(fingerprints: [UInt64]) throws -> [SuppressionEntry] {
        guard !fingerprints.isEmpty else { return [] }
        return try self.pool.read { db in
            let placeholders = Array(repeating: "?", count: fingerprints.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: Self.entryColumns
                    + " WHERE e.fingerprint IN (\(placeholders)) AND e.removed_at IS NULL ORDER BY e.id",
                arguments: StatementArguments(fingerprints.map { Int64(bitPattern: $0) })
            )
            return try rows.map { try Self.entry(from: $0).0 }
        }
    }

    public func scanForSnapshot(
        header: (SnapshotSourceHeader) throws -> Void,
        row: (SnapshotSourceRow) throws -> Void
    ) throws {
        try self.pool.read { db in
            let token = try Int64.fetchOne(db, sql: "SELECT generation FROM state WHERE id = 1") ?? 0
            var counts: [EntryKind: Int] = [:]
            for countRow in try Row.fetchAll(
                db,
                sql: "SELECT kind, count(*) FROM entry WHERE removed_at IS NULL GROUP BY kind"
            ) {
                if let kind = EntryKind(rawValue: countRow[0]) {
                    counts[kind] = countRow[1]
                }
            }
            var scopes: [Int64: SuppressionScope] = [:]
            for scopeRow in try Row.fetchAll(db, sql: "SELECT id, spec FROM scope") {
                scopes[scopeRow[0]] = try SuppressionScope(parsing: scopeRow[1])
            }
            try header(
                SnapshotSourceHeader(
                    changeToken: token,
                    options: try Self.normalizationOptions(db),
                    counts: counts,
                    scopes: scopes
                )
            )
            // Read through the C API: the key is handed over as SQLite's own bytes, not copied
            // into a String per row (ten million allocations for a 10 M-entry list).
            let statement = try db.makeStatement(
                sql: "SELECT id, kind, fingerprint, scope_id, effective_at, key FROM entry WHERE removed_at IS NULL"
            )
            let handle = statement.sqliteStatement
            while true {
                let step = sqlite3_step(handle)
                guard step == SQLITE_ROW else {
                    guard step == SQLITE_DONE else { throw Self.stepError(step, statement, db) }
                    break
                }
                guard let kind = EntryKind(rawValue: Int(sqlite3_column_int64(handle, 1))) else { continue }
                let text = sqlite3_column_text(handle, 5)
                let count = Int(sqlite3_column_bytes(handle, 5))
                try row(
                    SnapshotSourceRow(
                        id: sqlite3_column_int64(handle, 0),
                        kind: kind,
                        fingerprint: UInt64(bitPattern: sqlite3_column_int64(handle, 2)),
                        scopeID: sqlite3_column_int64(handle, 3),
                        effectiveAt: sqlite3_column_int64(handle, 4),
                        key: UnsafeBufferPointer(start: text, count: text == nil ? 0 : count)
                    )
                )
            }
        }
    }

    /// The error of a statement stepped through the C API (GRDB's own calls make these).
    static func stepError(_ code: Int32, _ statement: Statement, _ db: Database) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
            sql: statement.sql
        )
    }

    public func forEachEntry(includingRemoved: Bool, _ body: (SuppressionEntry, Date?) throws -> Void) throws {
        try self.pool.read { db in
            let filter = includingRemoved ? "" : " WHERE e.removed_at IS NULL"
            let cursor = try Row.fetchCursor(db, sql: Self.entryColumns + filter + " ORDER BY e.id")
            while let row = try cursor.next() {
                let (entry, removedAt) = try Self.entry(from: row)
                try body(entry, removedAt)
            }
        }
    }

    public func statistics() throws -> SuppressionStatistics {
        try self.pool.read { db in
            var byKind: [EntryKind: Int] = [:]
            var byScope: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT e.kind, s.spec, count(*) FROM entry e JOIN scope s ON s.id = e.scope_id
                    WHERE e.removed_at IS NULL GROUP BY e.kind, s.spec
                    """
            ) {
                let count: Int = row[2]
                if let kind = EntryKind(rawValue: row[0]) {
                    byKind[kind, default: 0] += count
                }
                byScope[row[1], default: 0] += count
            }
            let removed = try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE removed_at IS NOT NULL") ?? 0
            let token = try Int64.fetchOne(db, sql: "SELECT generation FROM state WHERE id = 1") ?? 0
            return SuppressionStatistics(
                activeByKind: byKind,
                activeByScope: byScope,
                removed: removed,
                changeToken: token,
                options: try Self.normalizationOptions(db)
            )
        }
    }

    static let entryColumns = """
        SELECT e.id, e.kind, e.key, e.raw, s.spec, e.effective_at, e.source, e.reason, e.created_at, e.removed_at
        FROM entry e JOIN scope s ON s.id = e.scope_id
        """

    static func entry(from row: Row) throws -> (SuppressionEntry, Date?) {
        let kind = EntryKind(rawValue: row[1]) ?? .exact
        let removed: Int64? = row[9]
        let entry = SuppressionEntry(
            id: row[0],
            key: SuppressionKey(kind: kind, key: row[2]),
            raw: row[3],
            scope: try SuppressionScope(parsing: row[4]),
            effectiveAt: Date(timeIntervalSince1970: TimeInterval(row[5] as Int64)),
            source: row[6],
            reason: row[7],
            createdAt: Date(timeIntervalSince1970: TimeInterval(row[8] as Int64))
        )
        return (entry, removed.map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }
}
