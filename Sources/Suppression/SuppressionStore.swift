import Foundation

/// Where suppression entries live. SQLite (``SQLiteSuppressionStore``) is the embedded default;
/// a shared PostgreSQL store implements the same protocol.
///
/// The daemon never queries a store per recipient: it builds a ``SuppressionSnapshot`` from
/// ``scanForSnapshot(header:row:)`` and watches ``changeToken()`` to know when to rebuild.
public protocol SuppressionStore: Sendable {
    /// The normalisation options every key in this store was made with. Lookups must use the same.
    func normalizationOptions() throws -> NormalizationOptions

    /// A number that changes whenever the entries change (every committed write bumps it).
    func changeToken() throws -> Int64

    /// Runs `body` in one transaction: if it throws, nothing it did is kept.
    func write<T>(_ body: (any SuppressionStoreWriter) throws -> T) throws -> T

    /// Active entries indexed under any of these fingerprints (for `suppress lookup`).
    func entries(fingerprints: [UInt64]) throws -> [SuppressionEntry]

    /// Reads a consistent view for building a snapshot: `header` once, then `row` per active entry.
    func scanForSnapshot(
        header: (SnapshotSourceHeader) throws -> Void,
        row: (SnapshotSourceRow) throws -> Void
    ) throws

    /// Every entry in id order (removed ones only when asked).
    func forEachEntry(includingRemoved: Bool, _ body: (SuppressionEntry, Date?) throws -> Void) throws

    /// Counts for `suppress stats`.
    func statistics() throws -> SuppressionStatistics
}

/// The mutations available inside ``SuppressionStore/write(_:)``.
public protocol SuppressionStoreWriter {
    /// Adds an entry. The same key and scope again keeps one entry with the earlier effective
    /// time; adding a removed entry again revives it.
    func add(_ entry: NewSuppressionEntry) throws

    /// ``add(_:)`` for an import's rows: the key and the raw text as UTF-8 bytes, valid only
    /// during the call, so a store can bind them without making strings. The default makes a
    /// ``NewSuppressionEntry`` and calls ``add(_:)``.
    func add(
        kind: EntryKind,
        key: UnsafeBufferPointer<UInt8>,
        fingerprint: UInt64,
        scope: SuppressionScope,
        effectiveAt: Date,
        raw: UnsafeBufferPointer<UInt8>,
        source: String,
        reason: String
    ) throws

    /// Marks the entries with this key (and scope, when given) removed; returns how many.
    func remove(key: SuppressionKey, scope: SuppressionScope?) throws -> Int

    /// Marks the entry with this id removed; returns whether it was active.
    func remove(id: Int64) throws -> Bool
}

extension SuppressionStoreWriter {
    public func add(
        kind: EntryKind,
        key: UnsafeBufferPointer<UInt8>,
        fingerprint: UInt64,
        scope: SuppressionScope,
        effectiveAt: Date,
        raw: UnsafeBufferPointer<UInt8>,
        source: String,
        reason: String
    ) throws {
        try self.add(
            NewSuppressionEntry(
                key: SuppressionKey(kind: kind, key: String(decoding: key, as: UTF8.self)),
                raw: String(decoding: raw, as: UTF8.self),
                scope: scope,
                effectiveAt: effectiveAt,
                source: source,
                reason: reason
            )
        )
    }
}

/// What a snapshot needs to know before the rows arrive.
public struct SnapshotSourceHeader: Sendable {
    /// The ``SuppressionStore/changeToken()`` the view reflects.
    public var changeToken: Int64
    /// The store's normalisation options.
    public var options: NormalizationOptions
    /// Active entries per kind (sizes the tables before the rows arrive).
    public var counts: [EntryKind: Int]
    /// Scope ids used by rows, with their meaning.
    public var scopes: [Int64: SuppressionScope]

    /// Creates a header.
    public init(
        changeToken: Int64,
        options: NormalizationOptions,
        counts: [EntryKind: Int],
        scopes: [Int64: SuppressionScope]
    ) {
        self.changeToken = changeToken
        self.options = options
        self.counts = counts
        self.scopes = scopes
    }
}

/// One active entry, reduced to what the in-memory index keeps.
///
/// Not `Sendable`: ``key`` points into the store's read buffer and is valid only during the
/// `row` callback of ``SuppressionStore/scanForSnapshot(header:row:)`` that receives it.
public struct SnapshotSourceRow {
    /// Entry id.
    public var id: Int64
    /// Entry kind.
    public var kind: EntryKind
    /// Index key.
    public var fingerprint: UInt64
    /// Scope id (a key of ``SnapshotSourceHeader/scopes``).
    public var scopeID: Int64
    /// Effective time in seconds since 1970.
    public var effectiveAt: Int64
    /// The entry's key as stored (UTF-8): for an exact entry, its canonical address, from which
    /// the index computes the filter key. Only valid inside the callback.
    public var key: UnsafeBufferPointer<UInt8>

    /// Creates a row.
    public init(
        id: Int64,
        kind: EntryKind,
        fingerprint: UInt64,
        scopeID: Int64,
        effectiveAt: Int64,
        key: UnsafeBufferPointer<UInt8>
    ) {
        self.id = id
        self.kind = kind
        self.fingerprint = fingerprint
        self.scopeID = scopeID
        self.effectiveAt = effectiveAt
        self.key = key
    }
}

/// Counts for `suppress stats`.
public struct SuppressionStatistics: Sendable, Hashable {
    /// Active entries per kind.
    public var activeByKind: [EntryKind: Int]
    /// Active entries per scope spec (`*` = all marketing).
    public var activeByScope: [String: Int]
    /// Entries marked removed (kept as history).
    public var removed: Int
    /// The current change token.
    public var changeToken: Int64
    /// The normalisation options of the store.
    public var options: NormalizationOptions

    /// All active entries.
    public var active: Int { self.activeByKind.values.reduce(0, +) }
}
