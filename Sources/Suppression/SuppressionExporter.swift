import Foundation

/// Writes a store's entries as CSV that `suppress import` reads back (format `export`).
///
/// Columns: `id, entry, kind, scope, effective_at, source, reason, raw, created_at, removed_at`;
/// times in ISO 8601 UTC; `entry` is written as on the command line (`jane@example.com`,
/// `@example.com`, `@*.example.com`, `sha256:...`, `md5:...`).
public enum SuppressionExporter {
    /// The header row.
    public static let header = [
        "id", "entry", "kind", "scope", "effective_at", "source", "reason", "raw", "created_at", "removed_at",
    ]

    /// Writes every entry of `store` (removed ones too when asked) through `write`, in chunks.
    /// Returns the number of entries written.
    @discardableResult
    public static func export(
        _ store: any SuppressionStore,
        includingRemoved: Bool = false,
        write: (Data) throws -> Void
    ) throws -> Int {
        var buffer = Data()
        buffer.append(contentsOf: Self.line(Self.header).utf8)
        var count = 0
        try store.forEachEntry(includingRemoved: includingRemoved) { entry, removedAt in
            let fields = [
                String(entry.id),
                entry.key.description,
                entry.key.kind.description,
                entry.scope.spec,
                Self.iso8601(entry.effectiveAt),
                entry.source,
                entry.reason,
                entry.raw,
                Self.iso8601(entry.createdAt),
                removedAt.map(Self.iso8601) ?? "",
            ]
            buffer.append(contentsOf: Self.line(fields).utf8)
            count += 1
            if buffer.count >= 1 << 20 {
                try write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try write(buffer)
        return count
    }

    static func line(_ fields: [String]) -> String {
        fields.map(Self.quoted).joined(separator: ",") + "\n"
    }

    /// RFC 4180 quoting.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
