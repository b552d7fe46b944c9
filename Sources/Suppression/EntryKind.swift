/// How a suppression entry matches recipients.
public enum EntryKind: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// One address, by its canonical key.
    case exact = 0
    /// Every address at exactly this domain (`@example.com`).
    case domain = 1
    /// Every address at this domain and at any of its subdomains (`@*.example.com`).
    case domainTree = 2
    /// SHA-256 hex of a normalised address (canonical or basic form).
    case sha256 = 3
    /// MD5 hex of a normalised address (canonical or basic form): legacy affiliate lists.
    case md5 = 4

    public var description: String {
        switch self {
        case .exact: "exact"
        case .domain: "domain"
        case .domainTree: "domain+subdomains"
        case .sha256: "sha256"
        case .md5: "md5"
        }
    }

    /// Parses the names used in CLI output and CSV exports.
    public init?(name: String) {
        guard let kind = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = kind
    }
}
