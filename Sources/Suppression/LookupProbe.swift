import Foundation

/// One probe of a lookup: which fingerprint to look for, in which table, accepting which kinds.
///
/// The snapshot and `suppress lookup` (which asks the store) walk the same probes, in the same
/// order, so the command explains exactly what the daemon does.
struct LookupProbe {
    enum Table {
        case exact
        case sha256
        case md5
        case domains
    }

    var fingerprint: UInt64
    var table: Table
    var kinds: KindMask
    /// The normalised text hashed for this probe (an address form or a domain).
    var form: UnsafeBufferPointer<UInt8>

    /// Which tables hold anything, so empty ones cost nothing (not even their digest).
    struct Presence {
        var exact: Bool
        var sha256: Bool
        var md5: Bool
        var domains: Bool

        static let all = Presence(exact: true, sha256: true, md5: true, domains: true)
    }

    /// Calls `body` for each probe until it returns true; returns whether one did.
    ///
    /// Order: the canonical address (exact entries), its SHA-256 then the basic form's (hashed
    /// entries; the basic form only when it differs), the same for MD5, then the domain and each
    /// parent domain.
    ///
    /// Every address probe's fingerprint is computed, and handed to `prepare`, before `body`
    /// sees the first one. The snapshot prefetches in `prepare`: the exact table's line is
    /// requested a few nanoseconds after normalisation, and the digests of hashed lists are
    /// computed while it travels, so a lookup pays about one memory latency instead of one
    /// per table. The domain fingerprints (one hash per parent domain, ~25 ns for two labels) are
    /// computed then too, while the memory reads are outstanding; their probes, into a small
    /// table that stays cached, still come last.
    @inline(__always)
    static func forEach(
        _ bytes: NormalizedBytes,
        presence: Presence,
        prepare: (LookupProbe) -> Void,
        _ body: (LookupProbe) -> Bool
    ) -> Bool {
        // The normaliser hands out one buffer for both forms when they are equal (most addresses).
        let basicDiffers =
            bytes.basic.count != bytes.canonical.count
            || (bytes.basic.baseAddress != bytes.canonical.baseAddress
                && memcmp(bytes.basic.baseAddress!, bytes.canonical.baseAddress!, bytes.basic.count) != 0)
        var exact: LookupProbe?
        var sha256: (canonical: LookupProbe?, basic: LookupProbe?)
        var md5: (canonical: LookupProbe?, basic: LookupProbe?)
        if presence.exact {
            exact = LookupProbe(
                fingerprint: Fingerprint.exact(bytes.canonical),
                table: .exact,
                kinds: .exact,
                form: bytes.canonical
            )
            prepare(exact!)
        }
        if presence.sha256 {
            sha256 = Self.pair(bytes, basicDiffers: basicDiffers, table: .sha256, kinds: .sha256, prepare: prepare) {
                Fingerprint.sha256($0)
            }
        }
        if presence.md5 {
            md5 = Self.pair(bytes, basicDiffers: basicDiffers, table: .md5, kinds: .md5, prepare: prepare) {
                Fingerprint.md5($0)
            }
        }
        return withUnsafeTemporaryAllocation(of: DomainProbe.self, capacity: Self.earlyDomainProbes) { early in
            var earlyCount = 0
            var resumeAt: Int?
            if presence.domains {
                resumeAt = Self.domainProbes(bytes.domain, into: early, count: &earlyCount)
            }
            // Spelt out rather than a loop over an array literal, which would allocate per lookup.
            if let exact, body(exact) { return true }
            if let probe = sha256.canonical, body(probe) { return true }
            if let probe = sha256.basic, body(probe) { return true }
            if let probe = md5.canonical, body(probe) { return true }
            if let probe = md5.basic, body(probe) { return true }
            for index in 0..<earlyCount {
                let suffix = UnsafeBufferPointer(rebasing: bytes.domain[early[index].start...])
                let kinds: KindMask = index == 0 ? [.domain, .domainTree] : .domainTree
                if body(LookupProbe(fingerprint: early[index].fingerprint, table: .domains, kinds: kinds, form: suffix))
                {
                    return true
                }
            }
            guard let resumeAt else { return false }
            return Self.forEachDomain(bytes.domain, from: resumeAt, body)
        }
    }

    /// Domain probes whose fingerprints are computed ahead (enough for any real domain; deeper
    /// names finish the walk afterwards).
    static let earlyDomainProbes = 8

    struct DomainProbe {
        var fingerprint: UInt64
        var start: Int
    }

    /// Fingerprints of the domain and its parents, up to `earlyDomainProbes` of them; returns
    /// where the walk continues when there are more, else nil.
    @inline(__always)
    private static func domainProbes(
        _ domain: UnsafeBufferPointer<UInt8>,
        into early: UnsafeMutableBufferPointer<DomainProbe>,
        count: inout Int
    ) -> Int? {
        var resumeAt: Int?
        _ = Self.forEachSuffix(of: domain, from: 0) { start, suffix in
            if count == early.count {
                resumeAt = start
                return true
            }
            early.initializeElement(at: count, to: DomainProbe(fingerprint: Fingerprint.domain(suffix), start: start))
            count += 1
            return false
        }
        return resumeAt
    }

    /// The probes of a hashed-list table for the canonical form and, when it differs, the basic one.
    @inline(__always)
    private static func pair(
        _ bytes: NormalizedBytes,
        basicDiffers: Bool,
        table: Table,
        kinds: KindMask,
        prepare: (LookupProbe) -> Void,
        digest: (UnsafeBufferPointer<UInt8>) -> UInt64
    ) -> (canonical: LookupProbe?, basic: LookupProbe?) {
        let canonical = LookupProbe(
            fingerprint: digest(bytes.canonical),
            table: table,
            kinds: kinds,
            form: bytes.canonical
        )
        prepare(canonical)
        guard basicDiffers else { return (canonical, nil) }
        let basic = LookupProbe(fingerprint: digest(bytes.basic), table: table, kinds: kinds, form: bytes.basic)
        prepare(basic)
        return (canonical, basic)
    }

    /// The parent domains from offset `start` on (beyond the early probes; they match only
    /// `@*.` entries).
    private static func forEachDomain(
        _ domain: UnsafeBufferPointer<UInt8>,
        from start: Int,
        _ body: (LookupProbe) -> Bool
    ) -> Bool {
        Self.forEachSuffix(of: domain, from: start) { _, suffix in
            body(
                LookupProbe(fingerprint: Fingerprint.domain(suffix), table: .domains, kinds: .domainTree, form: suffix)
            )
        }
    }

    /// Calls `body` with the domain from offset `start`, then each parent domain (the suffix after
    /// each further dot), until it returns true; returns whether it did.
    @inline(__always)
    private static func forEachSuffix(
        of domain: UnsafeBufferPointer<UInt8>,
        from start: Int,
        _ body: (_ start: Int, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        var start = start
        while start < domain.count {
            let suffix = UnsafeBufferPointer(rebasing: domain[start...])
            if body(start, suffix) {
                return true
            }
            guard let dot = suffix.firstIndex(of: AddressNormalizer.dot) else { return false }
            start += dot + 1
        }
        return false
    }
}

/// A set of ``EntryKind``s as bits.
struct KindMask: OptionSet, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    init(_ kind: EntryKind) {
        self.rawValue = 1 << UInt8(kind.rawValue)
    }

    static let exact = KindMask(.exact)
    static let domain = KindMask(.domain)
    static let domainTree = KindMask(.domainTree)
    static let sha256 = KindMask(.sha256)
    static let md5 = KindMask(.md5)

    @inline(__always)
    func contains(kindBits: UInt8) -> Bool {
        self.rawValue & (1 << kindBits) != 0
    }
}
