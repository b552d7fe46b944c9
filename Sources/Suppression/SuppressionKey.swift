/// What an entry matches: its kind and its normalised key, with the fingerprint it is indexed by.
public struct SuppressionKey: Hashable, Sendable, CustomStringConvertible {
    /// How the key matches.
    public let kind: EntryKind
    /// Canonical address, A-label domain, or lower-case hex hash.
    public let key: String
    /// The 64-bit index key (see ``Fingerprint``).
    public let fingerprint: UInt64

    init(kind: EntryKind, key: String) {
        self.kind = kind
        self.key = key
        self.fingerprint = Fingerprint.of(kind: kind, key: key)
    }

    /// Parses an entry as written in lists and on the command line.
    ///
    /// - `jane@example.com`: an exact address (normalised);
    /// - `@example.com`: the domain; `@*.example.com` or `*.example.com`: the domain and its
    ///   subdomains (also `@example.com` with `subdomains: true`);
    /// - `sha256:<64 hex>` or bare 64 hex digits; `md5:<32 hex>` or bare 32 hex digits: a hash
    ///   of a normalised address.
    public static func parse(
        _ text: String,
        normalizer: AddressNormalizer,
        subdomains: Bool = false
    ) throws(AddressError) -> SuppressionKey {
        let trimmed = text.trimmingSpaces()
        if !trimmed.utf8.contains(UInt8(ascii: "@")) {  // a hash never holds '@': skip the work for addresses
            let lower = trimmed.lowercased()
            if let hash = Self.hash(lower) {
                return hash
            }
            if lower.hasPrefix("sha256:") || lower.hasPrefix("md5:") {
                throw .invalidHash(trimmed)
            }
        }
        var domain = Substring(trimmed)
        var isDomain = false
        if domain.hasPrefix("@") {
            domain = domain.dropFirst()
            isDomain = true
        }
        var tree = subdomains
        // `*.example.com` is a domain tree; `*.x@example.com` is an address whose local part
        // starts with `*.` (a valid dot-atom), as an exact entry's key is written.
        if domain.hasPrefix("*."), !domain.utf8.contains(UInt8(ascii: "@")) {
            domain = domain.dropFirst(2)
            isDomain = true
            tree = true
        }
        if isDomain {
            let name = try normalizer.normalizeDomain(String(domain))
            return SuppressionKey(kind: tree ? .domainTree : .domain, key: name)
        }
        return SuppressionKey(kind: .exact, key: try normalizer.normalize(trimmed).canonical)
    }

    /// A SHA-256 or MD5 hex digest, with or without its `sha256:` / `md5:` prefix.
    static func hash(_ lower: String) -> SuppressionKey? {
        var hex = Substring(lower)
        var expected: EntryKind?
        if hex.hasPrefix("sha256:") {
            hex = hex.dropFirst(7)
            expected = .sha256
        } else if hex.hasPrefix("md5:") {
            hex = hex.dropFirst(4)
            expected = .md5
        }
        let kind: EntryKind
        switch hex.utf8.count {
        case 64: kind = .sha256
        case 32: kind = .md5
        default: return nil
        }
        guard expected == nil || expected == kind, hex.utf8.allSatisfy(Self.isHexDigit) else { return nil }
        return SuppressionKey(kind: kind, key: String(hex))
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }

    public var description: String {
        switch self.kind {
        case .exact: self.key
        case .domain: "@" + self.key
        case .domainTree: "@*." + self.key
        case .sha256: "sha256:" + self.key
        case .md5: "md5:" + self.key
        }
    }
}
