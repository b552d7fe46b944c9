/// Turns an address as written (`"Jane" <Jane.Doe+news@GoogleMail.com>`) into the canonical key
/// suppression entries are stored and looked up under (`janedoe@gmail.com`).
///
/// Steps, in order (see docs/SUPPRESSION.md for the why of each):
/// 1. trim whitespace; take the address out of `Display Name <...>` and drop an RFC 5321 source
///    route (`<@relay:user@host>`);
/// 2. split local part and domain; a quoted local part (`"john..doe"@x`) is unquoted and its
///    quoted pairs resolved, so `"john"@x` and `john@x` are the same key;
/// 3. domain: lower-cased; internationalised domains become A-labels through libidn2 (UTS #46,
///    non-transitional, NFC input); address literals (`[192.0.2.1]`) are kept lower-cased;
/// 4. local part: NFC for UTF-8 local parts (RFC 6531), lower-cased when
///    ``NormalizationOptions/lowercaseLocalPart``, sub-address (`+tag`) stripped, provider rule
///    applied (Gmail: dots removed, `googlemail.com` -> `gmail.com`);
/// 5. rendered in the shortest RFC 5321 form: bare when the local part is a dot-atom, otherwise
///    quoted with `"` and `\` escaped.
///
/// Alongside the canonical key it yields the *basic* form (trimmed, lower-cased, IDN domain, no
/// sub-address or provider rule): the form hashed suppression lists exchanged between companies
/// are usually built from, so hashed entries match on either.
///
/// The ASCII path allocates nothing: it works on the string's UTF-8 bytes and a stack buffer.
public struct AddressNormalizer: Sendable {
    /// The options this normaliser applies.
    public let options: NormalizationOptions
    let separators: ASCIISet
    /// Byte classes and provider-rule domains for the hot path.
    let tables: NormalizerTables

    /// Creates a normaliser; throws when a separator is not a printable ASCII `atext` character.
    public init(options: NormalizationOptions = .standard) throws(NormalizationOptions.ValidationError) {
        var separators = ASCIISet()
        for scalar in options.subaddressSeparators.unicodeScalars {
            guard scalar.isASCII, ASCIISet.atext.contains(UInt8(scalar.value)) else {
                throw .init("sub-address separator '\(scalar)' must be an ASCII character allowed in a local part")
            }
            separators.insert(UInt8(scalar.value))
        }
        var rules: [(domains: [[UInt8]], canonical: [UInt8], removeDots: Bool)] = []
        for rule in options.providerRules {
            let domains = rule.domains.map { Array($0.lowercased().utf8) }
            let canonical = Array(rule.canonicalDomain.lowercased().utf8)
            guard !canonical.isEmpty, domains.allSatisfy({ !$0.isEmpty }) else {
                throw .init("a provider rule needs non-empty domains and a canonical domain")
            }
            rules.append((domains, canonical, rule.removeDots))
        }
        self.options = options
        self.separators = separators
        self.tables = NormalizerTables(
            separators: separators,
            lowercaseLocalPart: options.lowercaseLocalPart,
            rules: rules
        )
    }

    /// A normaliser with the documented defaults.
    public static let standard = try! AddressNormalizer()

    /// Normalises `address` into owned strings (for the CLI, imports and tests).
    ///
    /// - Throws: ``AddressError`` naming what is wrong with the input.
    public func normalize(_ address: String) throws(AddressError) -> NormalizedAddress {
        try self.normalize(address, commonPath: true)
    }

    /// `commonPath: false` runs the general parser alone, for the differential tests.
    func normalize(_ address: String, commonPath: Bool) throws(AddressError) -> NormalizedAddress {
        var address = address
        do {
            return try address.withUTF8 { input in
                try Scratch.with { scratch in
                    let view = try self.normalize(input, scratch: &scratch, commonPath: commonPath)
                    return NormalizedAddress(
                        canonical: String(decoding: view.canonical, as: UTF8.self),
                        basic: String(decoding: view.basic, as: UTF8.self),
                        domain: String(decoding: view.domain, as: UTF8.self)
                    )
                }
            }
        } catch let error as AddressError {
            throw error
        } catch {
            preconditionFailure("only AddressError is thrown here: \(error)")
        }
    }

    /// Normalises `address` on a stack buffer and hands the result's bytes to `body`.
    ///
    /// The buffers are valid only inside `body`. This is the hot path used by lookups.
    public func withNormalizedBytes<R>(
        _ address: String,
        _ body: (NormalizedBytes) throws -> R
    ) throws -> R {
        // `body` is called once, here, and nothing generic passes through the string access:
        // each closure level that returned `R` (or `R?`) did so through memory, and reading it
        // back stalled on store forwarding, and capturing `body` in them cost a retain per level.
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Scratch.size) { buffer in
            var scratch = Scratch(buffer)
            return try body(self.normalizedBytes(address, scratch: &scratch))
        }
    }

    /// The normalised bytes of `address`, written into `scratch`. They point into `scratch`
    /// only, never into the string, so they stay valid after the string access ends.
    @inline(__always)
    func normalizedBytes(_ address: String, scratch: inout Scratch) throws -> NormalizedBytes {
        // Native strings expose their UTF-8 without a copy; `withUTF8` would need a mutable copy.
        if let view = try address.utf8.withContiguousStorageIfAvailable({ input in
            try self.normalize(input, scratch: &scratch)
        }) {
            return view
        }
        var address = address
        return try address.withUTF8 { input in try self.normalize(input, scratch: &scratch) }
    }
}

/// The bytes of a normalised address, valid only inside ``AddressNormalizer/withNormalizedBytes(_:_:)``.
public struct NormalizedBytes {
    /// The canonical key.
    public let canonical: UnsafeBufferPointer<UInt8>
    /// The basic form (trim, lower-case, A-label domain; no sub-address or provider rule).
    public let basic: UnsafeBufferPointer<UInt8>
    /// The canonical domain (a suffix of `canonical`).
    public let domain: UnsafeBufferPointer<UInt8>
}
