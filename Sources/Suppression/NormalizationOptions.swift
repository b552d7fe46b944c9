/// How addresses are turned into the canonical key that suppression entries and lookups share.
///
/// The same options must be used when an entry is stored and when a recipient is looked up, so a
/// store records the options it was created with (see ``SuppressionStore/normalizationOptions()``)
/// and every snapshot built from it normalises recipients with exactly those options.
///
/// - Configuration keys (under `suppression.normalization`):
///   - `lowercaseLocalPart` (bool, default `true`): RFC 5321 lets local parts be case sensitive,
///     but no mailbox provider in use treats them so and every hashed-list convention lower-cases.
///     Over-suppression is the legally safe direction.
///   - `subaddressSeparators` (string, default `"+"`): each ASCII character is a sub-address
///     separator; everything from the first one (not at the start) to the `@` is dropped
///     (RFC 5233). Empty turns stripping off.
///   - `providerRules` (list, default Gmail): per-domain rewrites, see ``ProviderRule``.
public struct NormalizationOptions: Sendable, Hashable, Codable {
    /// Lower-case the local part (the domain is always lower-cased).
    public var lowercaseLocalPart: Bool
    /// Sub-address separators (ASCII characters); empty disables stripping.
    public var subaddressSeparators: String
    /// Provider-specific rewrites applied after IDN conversion and sub-address stripping.
    public var providerRules: [ProviderRule]

    /// The documented defaults: lower-case local parts, strip `+tag`, apply the Gmail rule.
    public init(
        lowercaseLocalPart: Bool = true,
        subaddressSeparators: String = "+",
        providerRules: [ProviderRule] = [.gmail]
    ) {
        self.lowercaseLocalPart = lowercaseLocalPart
        self.subaddressSeparators = subaddressSeparators
        self.providerRules = providerRules
    }

    /// The defaults, spelled out for call sites.
    public static let standard = NormalizationOptions()
}

/// A provider rule: on the listed domains, dots in the local part may be meaningless and the
/// domain has an alias.
///
/// Gmail ignores dots in consumer addresses and delivers `googlemail.com` to the same mailbox
/// (Google's own Customer Match hashing spec removes those dots). Only consumer domains belong
/// here: Google Workspace domains keep their dots.
public struct ProviderRule: Sendable, Hashable, Codable {
    /// The (lower-case, A-label) domains the rule applies to.
    public var domains: [String]
    /// The domain written into the canonical key.
    public var canonicalDomain: String
    /// Remove every `.` from the local part.
    public var removeDots: Bool

    /// Creates a rule.
    public init(domains: [String], canonicalDomain: String, removeDots: Bool) {
        self.domains = domains
        self.canonicalDomain = canonicalDomain
        self.removeDots = removeDots
    }

    /// `gmail.com` and `googlemail.com`: dots removed, domain `gmail.com`.
    public static let gmail = ProviderRule(
        domains: ["gmail.com", "googlemail.com"],
        canonicalDomain: "gmail.com",
        removeDots: true
    )
}

extension NormalizationOptions {
    /// Options that cannot be applied (for example a non-ASCII separator).
    public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong.
        public var message: String

        init(_ message: String) {
            self.message = message
        }

        public var description: String { self.message }
    }
}
