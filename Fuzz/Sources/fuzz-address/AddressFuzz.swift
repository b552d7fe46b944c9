import FuzzDriver

// For `normalize(_:commonPath:)`, the general parser alone: SwiftPM's debug builds are testable.
@testable import Suppression

/// `AddressNormalizer.normalize(_:)` and `SuppressionKey.parse(_:normalizer:)` on arbitrary text,
/// with the standard options and two unusual ones (the differential tests' sets).
///
/// - never traps; the fast paths (word and common) give exactly what the general parser gives,
///   results and errors alike, and so does the lookups' `withNormalizedBytes`;
/// - the canonical form ends with `@` and the canonical domain, and normalises to itself
///   (idempotent), as the basic form does;
/// - with the standard options the basic form normalises to the same canonical key;
/// - an entry that parses, written back as `SuppressionKey.description` (what exports write),
///   parses to the same key.
enum AddressFuzz {
    static let normalizers: [AddressNormalizer] = [
        .standard,
        // Case kept, a letter and `-` as separators, a provider rule without dot removal.
        try! AddressNormalizer(
            options: NormalizationOptions(
                lowercaseLocalPart: false,
                subaddressSeparators: "-x",
                providerRules: [
                    ProviderRule(domains: ["corp7.example", "y"], canonicalDomain: "Example.NET", removeDots: false)
                ]
            )
        ),
        // `+` alone but the case kept: the common path's other branch.
        try! AddressNormalizer(options: NormalizationOptions(lowercaseLocalPart: false, subaddressSeparators: "+")),
    ]

    static func testOneInput(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        for (index, normalizer) in Self.normalizers.enumerated() {
            Self.check(text, normalizer, name: "normaliser \(index)", standard: index == 0)
        }
        Self.checkKey(text)
    }

    static func check(_ text: String, _ normalizer: AddressNormalizer, name: String, standard: Bool) {
        let fast = Result { () throws(AddressError) in try normalizer.normalize(text) }
        let general = Result { () throws(AddressError) in try normalizer.normalize(text, commonPath: false) }
        guard fast == general else {
            fuzzFailure("\(name): normalize gives \(fast), the general parser \(general)", input: text)
        }
        let viaBytes = Result { () throws(AddressError) in
            do {
                return try normalizer.withNormalizedBytes(text) { bytes in
                    NormalizedAddress(
                        canonical: String(decoding: bytes.canonical, as: UTF8.self),
                        basic: String(decoding: bytes.basic, as: UTF8.self),
                        domain: String(decoding: bytes.domain, as: UTF8.self)
                    )
                }
            } catch let error as AddressError {
                throw error
            } catch {
                fuzzFailure("\(name): withNormalizedBytes threw \(error)", input: text)
            }
        }
        guard viaBytes == fast else {
            fuzzFailure("\(name): normalize gives \(fast), withNormalizedBytes \(viaBytes)", input: text)
        }
        guard case .success(let address) = fast else { return }
        guard address.canonical.hasSuffix("@" + address.domain), !address.domain.isEmpty else {
            fuzzFailure("\(name): canonical \(address.canonical) does not end with @\(address.domain)", input: text)
        }
        let again = Result { () throws(AddressError) in try normalizer.normalize(address.canonical) }
        guard case .success(let canonical) = again, canonical.canonical == address.canonical,
            canonical.domain == address.domain
        else {
            fuzzFailure("\(name): not idempotent: \(address) then \(again)", input: text)
        }
        let fromBasic = Result { () throws(AddressError) in try normalizer.normalize(address.basic) }
        guard case .success(let basic) = fromBasic, basic.basic == address.basic else {
            fuzzFailure(
                "\(name): the basic form does not normalise to itself: \(address) then \(fromBasic)",
                input: text
            )
        }
        if standard {
            guard basic.canonical == address.canonical else {
                fuzzFailure("\(name): the basic form has another canonical key: \(address) then \(basic)", input: text)
            }
        }
    }

    static func checkKey(_ text: String) {
        let key: SuppressionKey
        do {
            key = try SuppressionKey.parse(text, normalizer: .standard)
        } catch {
            return
        }
        let written = key.description
        let again = Result { () throws(AddressError) in try SuppressionKey.parse(written, normalizer: .standard) }
        guard case .success(let reread) = again, reread == key else {
            fuzzFailure("the entry \(key.kind) '\(written)' reads back as \(again)", input: text)
        }
    }
}
