import Foundation

/// One probe of a lookup: which fingerprint to look for, in which table, accepting which kinds.
///
/// The snapshot and `suppress lookup` (which asks the store) walk the same probes, in the same
/// order, so the command explains exactly what the daemon does.
struct LookupProbe {
    enum Table {
        case addresses
        case md5
        case domains
    }

    var fingerprint: UInt64
    var table: Table
    var kinds: KindMask
    /// The normalised text hashed for this probe (an address form or a domain).
    var form: UnsafeBufferPointer<UInt8>

    /// Which tables hold anything, so empty ones cost nothing.
    struct Presence {
        var addresses: Bool
        var sha256: Bool
        var md5: Bool
        var domains: Bool
    }

    /// Calls `body` for each probe until it returns true; returns whether one did.
    ///
    /// Order: canonical address (exact and SHA-256 entries), basic form (SHA-256 entries only,
    /// when it differs), MD5 of both forms, then the domain and each parent domain.
    @inline(__always)
    static func forEach(_ bytes: NormalizedBytes, presence: Presence, _ body: (LookupProbe) -> Bool) -> Bool {
        let basicDiffers =
            bytes.basic.count != bytes.canonical.count
            || memcmp(bytes.basic.baseAddress!, bytes.canonical.baseAddress!, bytes.basic.count) != 0
        if presence.addresses {
            // Both digests before either probe: with nothing between the two probes the CPU
            // issues the second one's cache miss while the first is still outstanding, instead
            // of paying two memory latencies in a row (the basic form differs for every Gmail
            // address with dots and every `+tag`). A hit on the first form wastes one digest.
            let canonical = Fingerprint.sha256(bytes.canonical)
            let basic = presence.sha256 && basicDiffers ? Fingerprint.sha256(bytes.basic) : 0
            let probe = LookupProbe(
                fingerprint: canonical,
                table: .addresses,
                kinds: [.exact, .sha256],
                form: bytes.canonical
            )
            if body(probe) {
                return true
            }
            if basic != 0
                && body(LookupProbe(fingerprint: basic, table: .addresses, kinds: .sha256, form: bytes.basic))
            {
                return true
            }
        }
        if presence.md5 {
            if body(
                LookupProbe(
                    fingerprint: Fingerprint.md5(bytes.canonical),
                    table: .md5,
                    kinds: .md5,
                    form: bytes.canonical
                )
            ) {
                return true
            }
            if basicDiffers
                && body(
                    LookupProbe(fingerprint: Fingerprint.md5(bytes.basic), table: .md5, kinds: .md5, form: bytes.basic)
                )
            {
                return true
            }
        }
        guard presence.domains else { return false }
        let domain = bytes.domain
        var kinds: KindMask = [.domain, .domainTree]
        var start = 0
        while start < domain.count {
            let suffix = UnsafeBufferPointer(rebasing: domain[start...])
            if body(LookupProbe(fingerprint: Fingerprint.domain(suffix), table: .domains, kinds: kinds, form: suffix)) {
                return true
            }
            kinds = .domainTree
            guard let dot = suffix.firstIndex(of: AddressNormalizer.dot) else { break }
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
