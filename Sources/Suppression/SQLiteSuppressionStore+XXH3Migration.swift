import GRDB

extension SQLiteSuppressionStore {
    /// v2: exact entries are fingerprinted with XXH3 instead of SHA-256 (see ``Fingerprint``).
    ///
    /// The fingerprint is part of an entry's identity (the unique index), so it is recomputed in
    /// the store rather than at snapshot build. The index is dropped and rebuilt around the
    /// update: rebuilding sorts once, where updating it in place would touch its pages at random
    /// for every row. Two different addresses with the same XXH3 fingerprint (odds about
    /// n² / 2⁶⁵, 3 × 10⁻⁶ for 10 M entries) would fail the rebuild, and the migration with it,
    /// leaving the store as it was: nothing is merged or lost silently.
    static func registerXXH3Migration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: exact fingerprints are XXH3") { db in
            db.add(
                function: DatabaseFunction("optout_exact_fingerprint", argumentCount: 1, pure: true) { values in
                    guard let key = String.fromDatabaseValue(values[0]) else { return nil }
                    return Int64(bitPattern: Fingerprint.exact(key))
                }
            )
            try db.execute(
                sql: """
                    DROP INDEX entry_identity;
                    UPDATE entry SET fingerprint = optout_exact_fingerprint(key) WHERE kind = \(EntryKind.exact.rawValue);
                    CREATE UNIQUE INDEX entry_identity ON entry (fingerprint, kind, scope_id);
                    UPDATE state SET generation = generation + 1;
                    """
            )
        }
    }
}
