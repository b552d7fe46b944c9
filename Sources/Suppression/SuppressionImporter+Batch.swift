import Foundation

extension SuppressionImporter {
    /// Entries read from a file, packed into one byte buffer and an array of plain rows.
    ///
    /// Rows are written sorted by fingerprint (then by line, so the first of two duplicates is
    /// still written first): the store's unique index is keyed by fingerprint, and sorted inserts
    /// touch its pages in order instead of at random. The reading thread packs and sorts; the
    /// writing thread, the slower of the two, then walks rows and bytes front to back instead of
    /// chasing (and retaining) two heap strings per row in random order.
    struct Batch: Sendable {
        /// One row; its key is `bytes[keyStart..<keyEnd]`, its raw text `bytes[keyEnd..<rawEnd]`.
        struct Row: Sendable {
            var fingerprint: UInt64
            var effectiveAt: Date
            var keyStart: Int
            var keyEnd: Int
            var rawEnd: Int
            var kind: EntryKind
            var attributes: Int
        }

        /// What rows share (an import usually gives them all the same).
        struct Attributes: Sendable, Equatable {
            var scope: SuppressionScope
            var source: String
            var reason: String
        }

        private(set) var bytes: [UInt8] = []
        private(set) var rows: [Row] = []
        private(set) var attributes: [Attributes] = []

        var count: Int { self.rows.count }

        init(capacity: Int) {
            self.rows.reserveCapacity(capacity)
            self.bytes.reserveCapacity(capacity * 48)
        }

        /// Packs `entry` as it is read, so its strings can be freed at once.
        mutating func append(_ entry: NewSuppressionEntry) {
            let shared = Attributes(scope: entry.scope, source: entry.source, reason: entry.reason)
            if self.attributes.last != shared {
                self.attributes.append(shared)
            }
            let keyStart = self.bytes.count
            self.bytes.append(contentsOf: entry.key.key.utf8)
            let keyEnd = self.bytes.count
            self.bytes.append(contentsOf: entry.raw.utf8)
            self.rows.append(
                Row(
                    fingerprint: entry.key.fingerprint,
                    effectiveAt: entry.effectiveAt,
                    keyStart: keyStart,
                    keyEnd: keyEnd,
                    rawEnd: self.bytes.count,
                    kind: entry.key.kind,
                    attributes: self.attributes.count - 1
                )
            )
        }

        /// The rows in write order, their bytes laid out in that order too.
        func sorted() -> Batch {
            // (fingerprint, position) pairs sort without chasing rows, and the position keeps
            // duplicates in file order.
            var order = self.rows.indices.map { (Int64(bitPattern: self.rows[$0].fingerprint), $0) }
            order.sort { $0 < $1 }
            var rows: [Row] = []
            rows.reserveCapacity(self.rows.count)
            let bytes = [UInt8](unsafeUninitializedCapacity: self.bytes.count) { target, initialized in
                self.bytes.withUnsafeBufferPointer { source in
                    var offset = 0
                    for (_, index) in order {
                        var row = self.rows[index]
                        let length = row.rawEnd - row.keyStart
                        if length > 0 {
                            UnsafeMutableRawPointer(target.baseAddress! + offset).copyMemory(
                                from: source.baseAddress! + row.keyStart,
                                byteCount: length
                            )
                        }
                        row.keyEnd = offset + (row.keyEnd - row.keyStart)
                        row.keyStart = offset
                        offset += length
                        row.rawEnd = offset
                        rows.append(row)
                    }
                    initialized = offset
                }
            }
            var sorted = Batch(capacity: 0)
            sorted.bytes = bytes
            sorted.rows = rows
            sorted.attributes = self.attributes
            return sorted
        }

        /// Adds every row to `writer`, in order.
        func write(to writer: any SuppressionStoreWriter) throws {
            try self.bytes.withUnsafeBufferPointer { bytes in
                for row in self.rows {
                    let shared = self.attributes[row.attributes]
                    try writer.add(
                        kind: row.kind,
                        key: UnsafeBufferPointer(rebasing: bytes[row.keyStart..<row.keyEnd]),
                        fingerprint: row.fingerprint,
                        scope: shared.scope,
                        effectiveAt: row.effectiveAt,
                        raw: UnsafeBufferPointer(rebasing: bytes[row.keyEnd..<row.rawEnd]),
                        source: shared.source,
                        reason: shared.reason
                    )
                }
            }
        }
    }
}
