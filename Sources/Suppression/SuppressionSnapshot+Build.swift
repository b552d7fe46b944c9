import Foundation

extension SuppressionSnapshot {
    /// Builds a snapshot from one consistent read of `store`.
    ///
    /// Tables are sized from the per-kind counts read first, so rows go straight into their
    /// final place: the only memory beyond the finished snapshot is the store's read buffers.
    public static func build(from store: any SuppressionStore) throws -> SuppressionSnapshot {
        let builder = Builder()
        try store.scanForSnapshot(header: builder.start, row: builder.add)
        return try builder.finish()
    }

    /// Why a snapshot could not be built (the holder keeps the previous one).
    public struct BuildError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var message: String

        public var description: String { self.message }
    }

    private final class Builder {
        var header: SnapshotSourceHeader?
        var normalizer: AddressNormalizer?
        var exact = FingerprintTable(expectedCount: 0)
        var sha256 = FingerprintTable(expectedCount: 0)
        var md5 = FingerprintTable(expectedCount: 0)
        var domains = FingerprintTable(expectedCount: 0)
        var scopes: [SuppressionScope] = []
        /// Store scope id -> index in `scopes`, as an array: scope ids are small, dense integers
        /// and a dictionary lookup per row was a tenth of the build time.
        var scopeIndexByID: [UInt16] = []
        /// Per kind (by raw value): entries the header announced, and entries seen.
        var expected = [Int](repeating: 0, count: EntryKind.allCases.count)
        var seen = [Int](repeating: 0, count: EntryKind.allCases.count)

        func start(_ header: SnapshotSourceHeader) throws {
            self.header = header
            do {
                self.normalizer = try AddressNormalizer(options: header.options)
            } catch {
                throw BuildError(message: "store normalisation options are invalid: \(error)")
            }
            for (kind, count) in header.counts {
                self.expected[kind.rawValue] = count
            }
            self.exact = FingerprintTable(expectedCount: header.counts[.exact, default: 0])
            self.sha256 = FingerprintTable(expectedCount: header.counts[.sha256, default: 0])
            self.md5 = FingerprintTable(expectedCount: header.counts[.md5, default: 0])
            self.domains = FingerprintTable(
                expectedCount: header.counts[.domain, default: 0] + header.counts[.domainTree, default: 0]
            )
            guard header.scopes.count < Int(UInt16.max) else {
                throw BuildError(message: "more than \(UInt16.max) distinct scopes")
            }
            let maximumID = header.scopes.keys.max().map { Int($0) } ?? 0
            guard maximumID < 1 << 20, header.scopes.keys.allSatisfy({ $0 >= 0 }) else {
                throw BuildError(message: "scope ids out of range")
            }
            self.scopes = [.allMarketing]
            self.scopeIndexByID = [UInt16](repeating: UInt16.max, count: maximumID + 1)
            for (id, scope) in header.scopes.sorted(by: { $0.key < $1.key }) {
                if scope == .allMarketing {
                    self.scopeIndexByID[Int(id)] = 0
                } else {
                    self.scopeIndexByID[Int(id)] = UInt16(self.scopes.count)
                    self.scopes.append(scope)
                }
            }
        }

        func add(_ row: SnapshotSourceRow) throws {
            guard let id = UInt32(exactly: row.id) else {
                throw BuildError(message: "entry id \(row.id) does not fit the index's 32-bit ids")
            }
            guard row.scopeID >= 0, row.scopeID < self.scopeIndexByID.count,
                case let scopeIndex = self.scopeIndexByID[Int(row.scopeID)], scopeIndex != UInt16.max
            else {
                throw BuildError(message: "entry \(row.id) has unknown scope \(row.scopeID)")
            }
            let seen = self.seen[row.kind.rawValue] + 1
            guard seen <= self.expected[row.kind.rawValue] else {
                throw BuildError(message: "the store returned more \(row.kind) entries than it counted")
            }
            self.seen[row.kind.rawValue] = seen
            let word = SlotWord.pack(effectiveAt: row.effectiveAt, scopeIndex: scopeIndex, kind: row.kind)
            let fingerprint = Fingerprint.slotValue(row.fingerprint)
            switch row.kind {
            case .exact: self.exact.insert(fingerprint: fingerprint, packed: word, id: id)
            case .sha256: self.sha256.insert(fingerprint: fingerprint, packed: word, id: id)
            case .md5: self.md5.insert(fingerprint: fingerprint, packed: word, id: id)
            case .domain, .domainTree: self.domains.insert(fingerprint: fingerprint, packed: word, id: id)
            }
        }

        func finish() throws -> SuppressionSnapshot {
            guard let header = self.header, let normalizer = self.normalizer else {
                throw BuildError(message: "the store produced no header")
            }
            return SuppressionSnapshot(
                changeToken: header.changeToken,
                normalizer: normalizer,
                counts: Dictionary(
                    uniqueKeysWithValues: EntryKind.allCases.compactMap { kind in
                        self.seen[kind.rawValue] > 0 ? (kind, self.seen[kind.rawValue]) : nil
                    }
                ),
                exact: self.exact,
                sha256: self.sha256,
                md5: self.md5,
                domains: self.domains,
                scopes: self.scopes
            )
        }
    }
}
