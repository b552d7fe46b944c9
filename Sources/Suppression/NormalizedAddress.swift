/// An address after normalisation, as owned strings.
public struct NormalizedAddress: Hashable, Sendable {
    /// The canonical key that exact entries are stored and looked up under.
    public var canonical: String
    /// Trimmed and lower-cased with an A-label domain, but no sub-address or provider rule:
    /// the form hashed lists from other companies are usually built from.
    public var basic: String
    /// The canonical domain (A-labels, lower case).
    public var domain: String

    /// Creates a value (the normaliser is the usual source).
    public init(canonical: String, basic: String, domain: String) {
        self.canonical = canonical
        self.basic = basic
        self.domain = domain
    }
}
