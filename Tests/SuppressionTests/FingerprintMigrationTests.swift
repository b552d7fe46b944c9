import Foundation
import GRDB
import Testing

@testable import Suppression

@Suite struct FingerprintMigrationTests {
    /// XXH3-64 reference values from the xxHash project's sanity tests (seed 0): the exact-entry
    /// fingerprint must be the library's XXH3, or stored fingerprints would not survive an upgrade.
    @Test func exactFingerprintIsXXH3() {
        #expect(Fingerprint.exact("") == 0x2D06_8005_38D3_94C2)
        #expect(Fingerprint.exact("a") != Fingerprint.exact("b"))
    }

    /// A store written before v2 holds SHA-256 fingerprints for exact entries; opening it
    /// recomputes them, so the snapshot finds the entry, and leaves hashed entries alone.
    @Test func openingAVersion1StoreRefingerprintsExactEntries() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("suppression-migration-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.db").path
        let hashed = AddressHashes.sha256Hex("mary@example.org")
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSuppressionStore.migrator(normalization: .standard)
                .migrate(queue, upTo: "v1: entries, scopes, state")
            try queue.write { db in
                let insert = """
                    INSERT INTO entry (kind, key, fingerprint, scope_id, effective_at, raw, source, reason, created_at)
                    VALUES (?, ?, ?, 1, 1000, ?, 'test', 'test', 1000)
                    """
                try db.execute(
                    sql: insert,
                    arguments: [
                        EntryKind.exact.rawValue, "jane@example.com",
                        Int64(bitPattern: Fingerprint.sha256("jane@example.com")), "jane@example.com",
                    ]
                )
                try db.execute(
                    sql: insert,
                    arguments: [
                        EntryKind.sha256.rawValue, hashed, Int64(bitPattern: Fingerprint.fromHex(hashed)!), hashed,
                    ]
                )
            }
        }
        let store = try SQLiteSuppressionStore(path: path)
        let snapshot = try SuppressionSnapshot.build(from: store)
        let later = Date(timeIntervalSince1970: 2_000)
        #expect(try snapshot.lookup(recipient: "<Jane@Example.com>", at: later)?.kind == .exact)
        #expect(try snapshot.lookup(recipient: "mary@example.org", at: later)?.kind == .sha256)
        #expect(try store.entries(fingerprints: [Fingerprint.exact("jane@example.com")]).count == 1)
    }
}
