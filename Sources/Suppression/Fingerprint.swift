// swift-crypto's hash objects allocate twice per digest (a context box, and a copy of it at
// `finalize`), which doubled the cost of a lookup; its vendored BoringSSL is not a product of the
// package. The system's libcrypto one-shot functions hash a short address with no allocation.
import CLibCrypto
import CLookupSupport

/// The 64-bit keys of the in-memory index, also stored with every entry (and part of its
/// identity in the store).
///
/// - Exact addresses: XXH3-64 of the canonical address (seed 0), a few nanoseconds for an
///   address. It used to be SHA-256, which cost more than the rest of the lookup's computation
///   and had to finish before the table's cache line could even be requested.
/// - SHA-256 and MD5 list entries: the first 8 bytes of the digest they carry; a lookup computes
///   those digests only when the snapshot holds such entries.
/// - Domains: FNV-1a (see ``domain(_:)``).
///
/// Two different keys have the same fingerprint with probability 2⁻⁶⁴; with `n` entries a lookup
/// of an address that is not listed falsely matches with probability about `n / 2⁶⁴`
/// (5.4 × 10⁻¹³ at 10 M entries, one false suppression per 1.8 × 10¹² lookups), and a false
/// match can only over-suppress. Nobody gains by forging a collision: it could only suppress
/// marketing to the forger's own address.
enum Fingerprint {
    /// Index slots use 0 for "empty"; a real key of 0 is stored as 1.
    @inline(__always)
    static func slotValue(_ value: UInt64) -> UInt64 {
        value == 0 ? 1 : value
    }

    /// The fingerprint of an exact entry: XXH3-64 of the canonical address.
    @inline(__always)
    static func exact(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        self.slotValue(optout_xxh3_64(bytes.baseAddress, bytes.count, 0))
    }

    static func exact(_ text: String) -> UInt64 { self.utf8(text, self.exact) }

    @inline(__always)
    static func sha256(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        self.digestPrefix(bytes) { optout_sha256($0, $1, $2) }
    }

    @inline(__always)
    static func md5(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        self.digestPrefix(bytes) { optout_md5($0, $1, $2) }
    }

    static func sha256(_ text: String) -> UInt64 { self.utf8(text, self.sha256) }

    static func md5(_ text: String) -> UInt64 { self.utf8(text, self.md5) }

    /// The first 8 bytes, big-endian, of the digest a libcrypto one-shot function (`SHA256`,
    /// `MD5`) writes for `bytes`.
    @inline(__always)
    private static func digestPrefix(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ oneShot: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt8>) -> Void
    ) -> UInt64 {
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // room for the longest, SHA-256
        withUnsafeMutableBytes(of: &digest) { out in
            oneShot(bytes.baseAddress, bytes.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return self.slotValue(UInt64(bigEndian: digest.0))
    }

    /// `hash` of the UTF-8 bytes of `text` (keys given as strings: imports, the CLI, tests).
    private static func utf8(_ text: String, _ hash: (UnsafeBufferPointer<UInt8>) -> UInt64) -> UInt64 {
        var text = text
        return text.withUTF8(hash)
    }

    /// Domains are few and hashed once per label on every lookup, so they use FNV-1a with a
    /// SplitMix64 finaliser (fast on short strings, well mixed in the high bits the table uses).
    @inline(__always)
    static func domain(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return self.slotValue(hash ^ (hash >> 31))
    }

    static func domain(_ text: String) -> UInt64 { self.utf8(text, self.domain) }

    /// The fingerprint of a hashed entry is its first 16 hex digits.
    static func fromHex(_ hex: String) -> UInt64? {
        guard hex.utf8.count >= 16, let value = UInt64(hex.prefix(16), radix: 16) else { return nil }
        return self.slotValue(value)
    }

    /// The fingerprint an entry of `kind` with stored `key` is indexed under.
    static func of(kind: EntryKind, key: String) -> UInt64 {
        switch kind {
        case .exact: self.exact(key)
        case .domain, .domainTree: self.domain(key)
        case .sha256, .md5: self.fromHex(key) ?? 1
        }
    }
}
