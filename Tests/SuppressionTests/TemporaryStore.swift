import Foundation

@testable import Suppression

/// A real SQLite store in a fresh temporary directory, removed when the value goes away.
final class TemporaryStore {
    let directory: URL
    let store: SQLiteSuppressionStore

    init(normalization: NormalizationOptions = .standard) throws {
        self.directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("suppression-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        self.store = try SQLiteSuppressionStore(
            path: self.directory.appendingPathComponent("suppressions.db").path,
            normalization: normalization
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Writes `text` to a file in the directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = self.directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Adds entries written as on the command line.
    func add(
        _ entries: [String],
        scope: SuppressionScope = .allMarketing,
        effectiveAt: Date = Date(timeIntervalSince1970: 1_700_000_000),
        subdomains: Bool = false
    ) throws {
        let normalizer = try AddressNormalizer(options: self.store.normalizationOptions())
        let drafts = try entries.map { text in
            NewSuppressionEntry(
                key: try SuppressionKey.parse(text, normalizer: normalizer, subdomains: subdomains),
                raw: text,
                scope: scope,
                effectiveAt: effectiveAt,
                source: "test",
                reason: "test"
            )
        }
        try self.store.write { writer in
            for draft in drafts {
                try writer.add(draft)
            }
        }
    }
}
