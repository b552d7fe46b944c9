import Foundation
import GRDB

extension SQLiteSuppressionStore {
    /// Mutations inside one GRDB write transaction.
    final class Writer: SuppressionStoreWriter {
        let db: Database
        private(set) var changed = false
        private var scopeIDs: [String: Int64] = [:]
        private let now = Int64(Date().timeIntervalSince1970)

        init(db: Database) {
            self.db = db
        }

        func add(_ entry: NewSuppressionEntry) throws {
            let statement = try self.db.cachedStatement(
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
            statement.setUncheckedArguments([
                entry.key.kind.rawValue,
                entry.key.key,
                Int64(bitPattern: entry.key.fingerprint),
                try self.scopeID(entry.scope),
                Int64(entry.effectiveAt.timeIntervalSince1970.rounded(.down)),
                entry.raw,
                entry.source,
                entry.reason,
                self.now,
            ])
            try statement.execute()
            self.changed = true
        }

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
