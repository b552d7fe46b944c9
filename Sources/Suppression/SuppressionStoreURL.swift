/// Where a store lives, as written in configuration and `--store`.
///
/// - `sqlite:/var/lib/optout-milter/suppressions.db`, `sqlite:///abs/path.db`,
///   `sqlite:relative.db`, or a bare path: the embedded SQLite store;
/// - `postgres://...` / `postgresql://...`: reserved for the shared PostgreSQL store.
public struct SuppressionStoreURL: Hashable, Sendable, CustomStringConvertible {
    /// The backends a URL can name.
    public enum Backend: Hashable, Sendable {
        /// A SQLite file at this path.
        case sqlite(path: String)
        /// A PostgreSQL connection string.
        case postgres(String)
    }

    /// The parsed location.
    public let backend: Backend

    /// The packaged default.
    public static let defaultValue = "sqlite:/var/lib/optout-milter/suppressions.db"

    /// Parses a store URL; throws on an empty or unknown one.
    public init(_ text: String) throws(StoreURLError) {
        let text = text.trimmingSpaces()
        guard !text.isEmpty else { throw StoreURLError(url: text, message: "empty store URL") }
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self.backend = .postgres(text)
        } else if lower.hasPrefix("sqlite:") {
            var path = Substring(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") {
                path = path.dropFirst(2)
            }
            guard !path.isEmpty else { throw StoreURLError(url: text, message: "no file path after 'sqlite:'") }
            self.backend = .sqlite(path: String(path))
        } else if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            throw StoreURLError(
                url: text,
                message: "unknown store scheme '\(text[..<colon])' (use sqlite: or postgres://)"
            )
        } else {
            self.backend = .sqlite(path: text)
        }
    }

    /// Opens the store (creating a SQLite file with `normalization` if it does not exist).
    public func open(normalization: NormalizationOptions = .standard) throws -> any SuppressionStore {
        switch self.backend {
        case .sqlite(let path):
            return try SQLiteSuppressionStore(path: path, normalization: normalization)
        case .postgres(let url):
            throw StoreURLError(url: url, message: "the PostgreSQL store is not available in this build yet")
        }
    }

    public var description: String {
        switch self.backend {
        case .sqlite(let path): "sqlite:" + path
        case .postgres(let url): url
        }
    }
}

/// A store URL that cannot be used.
public struct StoreURLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The URL as given.
    public var url: String
    /// What is wrong with it.
    public var message: String

    public var description: String { "store '\(self.url)': \(self.message)" }
}
