import Foundation

/// The lookup data an ``AddressNormalizer`` consults on every address, in memory it owns.
///
/// One final class behind raw pointers rather than arrays in the normaliser struct: the hot path
/// then reads a byte-class table and the provider-rule domains without bounds checks, without
/// `swift_once` (a global table) and without retaining an array per access. Immutable after
/// `init`, hence `@unchecked Sendable`.
final class NormalizerTables: @unchecked Sendable {
    /// Byte classes, one bit each, as they sit in a ``classes`` entry (its second byte).
    enum Class {
        /// Not allowed in the common path's local part (anything but `atext` and `.`).
        static let notLocal: UInt32 = 0x0100
        /// Not allowed in the common path's domain (anything but letters, digits, `-` and `.`).
        static let notDomain: UInt32 = 0x0200
        static let dot: UInt32 = 0x0400
        /// `.` or `@`: what ends a label or the local part (two in a row is never a dot-atom).
        static let boundary: UInt32 = 0x0800
        static let hyphen: UInt32 = 0x1000
        /// `A`-`Z`.
        static let upper: UInt32 = 0x2000
        /// A sub-address separator under these options (judged on the byte the canonical key uses).
        static let separator: UInt32 = 0x4000
    }

    /// A provider rule domain, where it is in ``ruleBytes`` and what the rule does.
    struct RuleDomain {
        var start: Int
        var count: Int
        /// The first (up to) 8 bytes, little-endian: most non-matching domains differ there.
        var prefix: UInt64
        var canonicalStart: Int
        var canonicalCount: Int
        var removeDots: Bool
    }

    /// What a matching provider rule asks for; points into the tables' memory.
    struct RuleMatch {
        var removeDots: Bool
        var canonicalDomain: UnsafeBufferPointer<UInt8>
    }

    /// 256 entries indexed by byte. Byte 0: the byte lower-cased (ASCII), stored as it is;
    /// byte 1: its ``Class`` bits; byte 3: the classes that may not come just before it (for `.`,
    /// `@` and `-`: a boundary or a hyphen, which rules out `..`, `.@`, `@.`, `--` and a hyphen
    /// at either end of a label). `entry >> 16` lines byte 3 up with the previous entry's
    /// class bits, so the common path checks a byte against its predecessor in two operations.
    let classes: UnsafeMutablePointer<UInt32>
    /// Bit `n` set when some rule domain is `n` bytes long (63: 63 or more).
    let ruleDomainLengths: UInt64
    let ruleBytes: UnsafeMutableBufferPointer<UInt8>
    let ruleDomains: UnsafeMutableBufferPointer<RuleDomain>

    init(
        separators: ASCIISet,
        lowercaseLocalPart: Bool,
        rules: [(domains: [[UInt8]], canonical: [UInt8], removeDots: Bool)]
    ) {
        self.classes = .allocate(capacity: 256)
        for byte in 0...255 {
            let bits = Self.classify(UInt8(byte), separators: separators, lowercase: lowercaseLocalPart)
            let notAfter = bits & (Class.boundary | Class.hyphen) != 0 ? Class.boundary | Class.hyphen : 0
            self.classes[byte] = notAfter << 16 | bits | UInt32(AddressNormalizer.asciiLower(UInt8(byte)))
        }
        var bytes: [UInt8] = []
        var domains: [RuleDomain] = []
        var lengths: UInt64 = 0
        for rule in rules {
            let canonicalStart = bytes.count
            bytes += rule.canonical
            for domain in rule.domains {
                let prefix = domain.withUnsafeBufferPointer { Self.prefix($0) }
                domains.append(
                    RuleDomain(
                        start: bytes.count,
                        count: domain.count,
                        prefix: prefix,
                        canonicalStart: canonicalStart,
                        canonicalCount: rule.canonical.count,
                        removeDots: rule.removeDots
                    )
                )
                bytes += domain
                lengths |= 1 << UInt64(min(domain.count, 63))
            }
        }
        self.ruleDomainLengths = lengths
        // 8 zero bytes of padding: ``AddressNormalizer/finish`` copies a canonical domain in
        // whole words, reading up to 7 bytes past its end.
        self.ruleBytes = .allocate(capacity: bytes.count + 8)
        self.ruleBytes.initialize(repeating: 0)
        _ = self.ruleBytes.update(fromContentsOf: bytes)
        self.ruleDomains = .allocate(capacity: max(domains.count, 1))
        _ = self.ruleDomains.initialize(from: domains)
    }

    deinit {
        self.classes.deallocate()
        self.ruleBytes.deallocate()
        self.ruleDomains.deallocate()
    }

    static func classify(_ byte: UInt8, separators: ASCIISet, lowercase: Bool) -> UInt32 {
        let lower = AddressNormalizer.asciiLower(byte)
        var bits: UInt32 = 0
        if byte != UInt8(ascii: ".") && !ASCIISet.atext.contains(byte) {
            bits |= Class.notLocal
        }
        if byte != UInt8(ascii: ".") && !ASCIISet.ldh.contains(lower) {
            bits |= Class.notDomain
        }
        if byte == UInt8(ascii: ".") {
            bits |= Class.dot | Class.boundary
        }
        if byte == UInt8(ascii: "@") {
            bits |= Class.boundary
        }
        if byte == UInt8(ascii: "-") {
            bits |= Class.hyphen
        }
        if lower != byte {
            bits |= Class.upper
        }
        if separators.contains(lowercase ? lower : byte) {
            bits |= Class.separator
        }
        return bits
    }

    /// The provider rule for a lower-case `domain`, if any.
    ///
    /// The length check is inline and the search is not: most domains are no rule domain's
    /// length, and for those the lookup then costs no call.
    @inline(__always)
    func rule(for domain: UnsafeBufferPointer<UInt8>) -> RuleMatch? {
        guard self.ruleDomainLengths & (1 << UInt64(min(domain.count, 63))) != 0 else { return nil }
        return self.searchRule(domain)
    }

    @inline(never)
    func searchRule(_ domain: UnsafeBufferPointer<UInt8>) -> RuleMatch? {
        let count = domain.count
        let prefix = Self.prefix(domain)
        for candidate in self.ruleDomains where candidate.count == count && candidate.prefix == prefix {
            let start = self.ruleBytes.baseAddress! + candidate.start
            if count <= 8 || self.suffixMatches(start, domain.baseAddress!, count) {
                return RuleMatch(
                    removeDots: candidate.removeDots,
                    canonicalDomain: UnsafeBufferPointer(
                        start: self.ruleBytes.baseAddress! + candidate.canonicalStart,
                        count: candidate.canonicalCount
                    )
                )
            }
        }
        return nil
    }

    /// Whether bytes 8..<count agree (the prefix already did): for up to 16 bytes one
    /// overlapping word compare rather than a `memcmp` call.
    @inline(__always)
    func suffixMatches(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count <= 16 else { return memcmp(left + 8, right + 8, count - 8) == 0 }
        return UnsafeRawPointer(left + count - 8).loadUnaligned(as: UInt64.self)
            == UnsafeRawPointer(right + count - 8).loadUnaligned(as: UInt64.self)
    }

    @inline(__always)
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if bytes.count >= 8 {
            return UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt64.self))
        }
        var prefix: UInt64 = 0
        for index in 0..<bytes.count {
            prefix |= UInt64(bytes[index]) << UInt64(8 * index)
        }
        return prefix
    }
}
