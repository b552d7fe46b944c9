/// What an opt-out covers: all marketing, or only some named categories of it.
///
/// Categories are the names the classifier and policy give marketing mail (`newsletter`,
/// `offers`, ...). A message in a category an entry does not name is not suppressed by that
/// entry; an ``allMarketing`` entry suppresses every marketing message.
public enum SuppressionScope: Hashable, Sendable {
    /// Every marketing message.
    case allMarketing
    /// Only marketing in these categories (lower-case names, never empty).
    case categories(Set<String>)

    /// Parses `*` / `all` / empty (all marketing) or a comma-separated list of category names.
    public init(parsing text: String) throws(ScopeError) {
        let names = text.split(separator: ",").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
        if names.isEmpty || names.contains("*") || names.contains("all") {
            self = .allMarketing
            return
        }
        for name in names where !name.utf8.allSatisfy({ Self.categoryCharacters.contains($0) }) {
            throw ScopeError(name: name)
        }
        self = .categories(Set(names))
    }

    /// The stored form: `*`, or the sorted category names joined by commas.
    public var spec: String {
        switch self {
        case .allMarketing: "*"
        case .categories(let names): names.sorted().joined(separator: ",")
        }
    }

    /// Whether a message in `category` (nil: marketing with no category) is covered.
    public func covers(category: String?) -> Bool {
        switch self {
        case .allMarketing: true
        case .categories(let names): category.map { names.contains($0.lowercased()) } ?? false
        }
    }

    private static let categoryCharacters = ASCIISet("abcdefghijklmnopqrstuvwxyz0123456789._-")
}

/// A category name with characters other than `a-z 0-9 . _ -`.
public struct ScopeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending name.
    public var name: String

    public var description: String {
        "invalid category name '\(self.name)' (use a-z, 0-9, '.', '_' and '-', or '*' for all marketing)"
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends (ASCII only: fast on the
    /// millions of cells an import trims).
    func trimmingSpaces() -> String {
        let string = String(self)
        let utf8 = string.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex {
            return string
        }
        return String(string[first...last])
    }
}
