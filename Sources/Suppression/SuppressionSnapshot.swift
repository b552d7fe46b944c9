import Foundation

/// An immutable, in-memory index of a store's active entries: answers "is this recipient
/// suppressed for this category at this time, and by which entry" without locks or I/O.
///
/// Layout (see ``FingerprintTable``): one table per kind of key: exact addresses (keyed by XXH3
/// of the canonical address), SHA-256 and MD5 list entries (keyed by their digest), domains;
/// empty tables are skipped, digests included. Each slot is 20 bytes at a 0.75 load factor,
/// about 27 bytes an entry. Entry ids are kept as 32-bit numbers (a build fails beyond 4 294 967 295).
///
/// Share one snapshot between threads freely; get the current one from a
/// ``SuppressionSnapshotHolder``.
public final class SuppressionSnapshot: Sendable {
    /// The store ``SuppressionStore/changeToken()`` this snapshot reflects.
    public let changeToken: Int64
    /// When it was built.
    public let builtAt: Date
    /// How recipients are normalised (the store's options).
    public let normalizer: AddressNormalizer
    /// Entries per kind.
    public let counts: [EntryKind: Int]

    let exact: FingerprintTable
    let sha256: FingerprintTable
    let md5: FingerprintTable
    let domains: FingerprintTable
    /// The tables' probing views, read by lookups (the tables above own the memory).
    let exactView: FingerprintTableView
    let sha256View: FingerprintTableView
    let md5View: FingerprintTableView
    let domainsView: FingerprintTableView
    let presence: LookupProbe.Presence
    /// By scope index: the scope, and whether it covers all marketing.
    let scopes: [SuppressionScope]
    let scopeCoversAll: [Bool]
    /// By scope index: the category ids it names (sorted; empty for all marketing).
    let scopeCategories: [[UInt16]]
    let categoryIDs: [String: UInt16]

    init(
        changeToken: Int64,
        normalizer: AddressNormalizer,
        counts: [EntryKind: Int],
        exact: FingerprintTable,
        sha256: FingerprintTable,
        md5: FingerprintTable,
        domains: FingerprintTable,
        scopes: [SuppressionScope]
    ) {
        self.changeToken = changeToken
        self.builtAt = Date()
        self.normalizer = normalizer
        self.counts = counts
        self.exact = exact
        self.sha256 = sha256
        self.md5 = md5
        self.domains = domains
        self.exactView = exact.view
        self.sha256View = sha256.view
        self.md5View = md5.view
        self.domainsView = domains.view
        self.presence = LookupProbe.Presence(
            exact: exact.count > 0,
            sha256: sha256.count > 0,
            md5: md5.count > 0,
            domains: domains.count > 0
        )
        var categoryIDs: [String: UInt16] = [:]
        for case .categories(let names) in scopes {
            for name in names.sorted() where categoryIDs[name] == nil {
                categoryIDs[name] = UInt16(truncatingIfNeeded: categoryIDs.count)
            }
        }
        self.scopes = scopes
        self.scopeCoversAll = scopes.map { $0 == .allMarketing }
        self.scopeCategories = scopes.map { scope in
            guard case .categories(let names) = scope else { return [] }
            return names.compactMap { categoryIDs[$0] }.sorted()
        }
        self.categoryIDs = categoryIDs
    }

    /// A snapshot with no entries (what a holder serves before the first successful build).
    public static func empty(normalizer: AddressNormalizer = .standard) -> SuppressionSnapshot {
        SuppressionSnapshot(
            changeToken: 0,
            normalizer: normalizer,
            counts: [:],
            exact: FingerprintTable(expectedCount: 0),
            sha256: FingerprintTable(expectedCount: 0),
            md5: FingerprintTable(expectedCount: 0),
            domains: FingerprintTable(expectedCount: 0),
            scopes: [.allMarketing]
        )
    }

    /// All entries.
    public var count: Int { self.tables.reduce(0) { $0 + $1.count } }

    /// Bytes held by the index tables (what 10 M entries cost in memory).
    public var indexBytes: Int { self.tables.reduce(0) { $0 + $1.allocatedBytes } }

    private var tables: [FingerprintTable] { [self.exact, self.sha256, self.md5, self.domains] }

    @inline(__always)
    func view(_ table: LookupProbe.Table) -> FingerprintTableView {
        switch table {
        case .exact: self.exactView
        case .sha256: self.sha256View
        case .md5: self.md5View
        case .domains: self.domainsView
        }
    }
}

/// Packing of a slot's 64-bit word: effective time, scope index, kind.
enum SlotWord {
    static func pack(effectiveAt: Int64, scopeIndex: UInt16, kind: EntryKind) -> UInt64 {
        let seconds = UInt64(clamping: max(0, min(effectiveAt, Int64(UInt32.max))))
        return seconds | UInt64(scopeIndex) << 32 | UInt64(kind.rawValue) << 48
    }

    @inline(__always)
    static func effectiveAt(_ word: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: word) }

    @inline(__always)
    static func scopeIndex(_ word: UInt64) -> Int { Int(truncatingIfNeeded: (word >> 32) & 0xFFFF) }

    @inline(__always)
    static func kindBits(_ word: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: word >> 48) }

    /// Seconds since 1970 as the 32-bit value slots hold (clamped to 1970...2106).
    @inline(__always)
    static func seconds(_ date: Date) -> UInt32 {
        let value = date.timeIntervalSince1970
        if value <= 0 {
            return 0
        }
        if value >= Double(UInt32.max) {
            return UInt32.max
        }
        return UInt32(value)
    }
}
