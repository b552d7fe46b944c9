import Foundation
import GRDB
import GRDBSQLite

extension SQLiteSuppressionStore {
    /// Mutations inside one GRDB write transaction.
    final class Writer: SuppressionStoreWriter {
        let db: Database
        private(set) var changed = false
        private var scopeIDs: [String: Int64] = [:]
        private let now = Int64(Date().timeIntervalSince1970)
        /// The prepared insert, kept for the whole transaction (an import runs it millions of times).
        private var insert: Statement?
        private var boundSource: String?
        private var boundReason: String?
        private var lastScope: (scope: SuppressionScope, id: Int64)?

        init(db: Database) {
            self.db = db
        }

        func add(_ entry: NewSuppressionEntry) throws {
            var key = entry.key.key
            var raw = entry.raw
            try key.withUTF8 { key in
                try raw.withUTF8 { raw in
                    try self.add(
                        kind: entry.key.kind,
                        key: key,
                        fingerprint: entry.key.fingerprint,
                        scope: entry.scope,
                        effectiveAt: entry.effectiveAt,
                        raw: raw,
                        source: entry.source,
                        reason: entry.reason
                    )
                }
            }
        }

        /// Adds (or merges) one entry whose key and raw text are UTF-8 bytes; the importer's path.
        func add(
            kind: EntryKind,
            key: UnsafeBufferPointer<UInt8>,
            fingerprint: UInt64,
            scope: SuppressionScope,
            effectiveAt: Date,
            raw: UnsafeBufferPointer<UInt8>,
            source: String,
            reason: String
        ) throws {
            let insert = try self.insertStatement()
            // Bound with the C API rather than GRDB's `StatementArguments`: boxing nine values in
            // existentials per row cost as much as SQLite's own insert on a 10 M-line import.
            let handle = insert.sqliteStatement
            sqlite3_bind_int64(handle, 1, Int64(kind.rawValue))
            sqlite3_bind_int64(handle, 3, Int64(bitPattern: fingerprint))
            sqlite3_bind_int64(handle, 4, try self.scopeID(scope))
            sqlite3_bind_int64(handle, 5, Int64(effectiveAt.timeIntervalSince1970.rounded(.down)))
            // An import gives every row the same source and reason: bound (and copied) once.
            if source != self.boundSource {
                Self.bindCopy(handle, 7, source)
                self.boundSource = source
            }
            if reason != self.boundReason {
                Self.bindCopy(handle, 8, reason)
                self.boundReason = reason
            }
            // SQLITE_STATIC: the buffers outlive the step; the next row rebinds them.
            Self.bindStatic(handle, 2, key)
            Self.bindStatic(handle, 6, raw)
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else { throw SQLiteSuppressionStore.stepError(code, insert, self.db) }
            self.changed = true
        }

        private func insertStatement() throws -> Statement {
            if let statement = self.insert {
                return statement
            }
            let statement = try self.db.makeStatement(
                sql: """
                    INSERT INTO entry (kind, key, fingerprint, scope_id, effective_at, raw, source, reason, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (fingerprint, kind, scope_id) DO UPDATE SET
                        effective_at = CASE WHEN removed_at IS NULL
                            THEN min(effective_at, excluded.effective_at) ELSE excluded.effective_at END,
                        raw = CASE WHEN removed_at IS NULL THEN raw ELSE excluded.raw END,
                        source = CASE WHEN removed_at IS NULL THEN source ELSE excluded.source END,
                        reason = CASE WHEN removed_at IS NULL THEN reason ELSE excluded.reason END,
                        removed_at = NULL
                    """
            )
            sqlite3_bind_int64(statement.sqliteStatement, 9, self.now)
            self.insert = statement
            return statement
        }

        private static func bindStatic(_ handle: OpaquePointer, _ index: Int32, _ text: UnsafeBufferPointer<UInt8>) {
            guard let base = text.baseAddress else {
                sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: text.count) {
                _ = sqlite3_bind_text(handle, index, $0, Int32(text.count), nil)
            }
        }

        private static func bindCopy(_ handle: OpaquePointer, _ index: Int32, _ text: String) {
            _ = sqlite3_bind_text(handle, index, text, Int32(text.utf8.count), sqliteTransient)
        }

        /// SQLite's "copy the text now" destructor, which the C header spells as a cast of -1.
        private static let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

        func remove(key: SuppressionKey, scope: SuppressionScope?) throws -> Int {
            var sql = "UPDATE entry SET removed_at = ? WHERE fingerprint = ? AND kind = ? AND removed_at IS NULL"
            var arguments: StatementArguments = [self.now, Int64(bitPattern: key.fingerprint), key.kind.rawValue]
            if let scope {
                sql += " AND scope_id = ?"
                arguments += [try self.scopeID(scope)]
            }
            try self.db.execute(sql: sql, arguments: arguments)
            let count = self.db.changesCount
            self.changed = self.changed || count > 0
            return count
        }

        func remove(id: Int64) throws -> Bool {
            try self.db.execute(
                sql: "UPDATE entry SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                arguments: [self.now, id]
            )
            let removed = self.db.changesCount > 0
            self.changed = self.changed || removed
            return removed
        }

        private func scopeID(_ scope: SuppressionScope) throws -> Int64 {
            // Rows of an import share one scope: compared before building its spec string.
            if let last = self.lastScope, last.scope == scope {
                return last.id
            }
            let id = try self.storedScopeID(scope)
            self.lastScope = (scope, id)
            return id
        }

        private func storedScopeID(_ scope: SuppressionScope) throws -> Int64 {
            let spec = scope.spec
            if let id = self.scopeIDs[spec] {
                return id
            }
            try self.db.execute(sql: "INSERT OR IGNORE INTO scope (spec) VALUES (?)", arguments: [spec])
            guard let id = try Int64.fetchOne(self.db, sql: "SELECT id FROM scope WHERE spec = ?", arguments: [spec])
            else {
                throw DatabaseError(message: "scope \(spec) could not be stored")
            }
            self.scopeIDs[spec] = id
            return id
        }
    }
}
