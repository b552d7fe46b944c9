import Foundation

/// Reads suppression lists (plain text, CSV, ESP exports, hashed lists) into entries.
///
/// ``importFile(_:into:)`` runs the whole file inside one store transaction: the first bad line
/// throws an ``ImportError`` naming it and the store is left exactly as it was. With
/// ``Options/skipInvalid`` bad lines are counted and reported instead.
public struct SuppressionImporter: Sendable {
    /// How to read a file.
    public struct Options: Sendable {
        /// The format; nil detects it from the header row.
        public var format: ImportFormat?
        /// Scope for rows whose file gives none.
        public var scope: SuppressionScope
        /// Effective time for rows whose file gives none (nil: the time of the import).
        public var effectiveAt: Date?
        /// Source recorded on every entry (nil: `import:<format>:<file name>`).
        public var source: String?
        /// Reason for rows whose file gives none (nil: the format's usual reason).
        public var reason: String?
        /// Skip and count bad lines instead of failing the import.
        public var skipInvalid: Bool

        /// Creates options; the defaults detect the format and apply everything to all marketing.
        public init(
            format: ImportFormat? = nil,
            scope: SuppressionScope = .allMarketing,
            effectiveAt: Date? = nil,
            source: String? = nil,
            reason: String? = nil,
            skipInvalid: Bool = false
        ) {
            self.format = format
            self.scope = scope
            self.effectiveAt = effectiveAt
            self.source = source
            self.reason = reason
            self.skipInvalid = skipInvalid
        }
    }

    /// What an import read.
    public struct Report: Sendable, Hashable {
        /// The format used.
        public var format: ImportFormat
        /// Entries read (and, unless a dry run, written).
        public var entries = 0
        /// Entries per kind.
        public var byKind: [EntryKind: Int] = [:]
        /// Lines skipped with ``Options/skipInvalid``.
        public var skipped = 0
        /// The first few skipped lines, as `line N: message`.
        public var skippedExamples: [String] = []
    }

    /// The normaliser entries are keyed with (the target store's).
    public let normalizer: AddressNormalizer
    /// How files are read.
    public let options: Options

    /// Creates an importer.
    public init(normalizer: AddressNormalizer, options: Options = Options()) {
        self.normalizer = normalizer
        self.options = options
    }

    /// Entries are written in batches of this many, sorted by fingerprint.
    static let batchSize = 262_144

    /// Imports `path` into `store` in one transaction.
    ///
    /// The file is read on a second thread while this one writes (see ``BatchChannel``), in
    /// batches sorted by fingerprint (see ``Batch``). A bad line ends the read with its error,
    /// which is thrown here inside the transaction, so the store keeps nothing of the file.
    public func importFile(_ path: String, into store: any SuppressionStore) throws -> Report {
        try self.importFile(path, into: store, batchSize: Self.batchSize)
    }

    /// ``importFile(_:into:)`` with batches of `batchSize` (small in tests, to cross batches).
    func importFile(_ path: String, into store: any SuppressionStore, batchSize: Int) throws -> Report {
        try store.write { writer in
            let channel = BatchChannel(capacity: 2)
            self.startReading(path, batchSize: batchSize, into: channel)
            do {
                while true {
                    switch channel.receive() {
                    case .batch(let batch):
                        try batch.write(to: writer)
                    case .end(let result):
                        return try result.get()
                    }
                }
            } catch {
                channel.cancelAndWait()
                throw error
            }
        }
    }

    /// Reads `path` and hands each entry to `sink` (a dry run passes a counter).
    public func read(_ path: String, sink: (NewSuppressionEntry) throws -> Void) throws -> Report {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw ImportError(file: path, line: 0, message: "cannot read: \(error.localizedDescription)")
        }
        return try data.withUnsafeBytes { raw in
            try self.read(bytes: raw.bindMemory(to: UInt8.self), name: path, sink: sink)
        }
    }

    /// Reads a list held in memory; `name` is used in errors and the default source.
    public func read(
        bytes: UnsafeBufferPointer<UInt8>,
        name: String,
        sink: (NewSuppressionEntry) throws -> Void
    ) throws -> Report {
        let firstLine = Self.firstLine(bytes)
        let delimiter = CSVReader.detectDelimiter(firstLine)
        var header = CSVReader(bytes: bytes, delimiter: delimiter)
        var headerNames: [String] = []
        if (try? header.next()) == true {
            headerNames = (0..<header.count).map { header.string($0).trimmingSpaces().lowercased() }
        }
        let format: ImportFormat
        if let chosen = self.options.format {
            format = chosen
        } else if let detected = ImportFormat.detect(header: headerNames) {
            format = detected
        } else if Self.looksLikeText(bytes) {
            format = .text
        } else {
            throw ImportError(
                file: name,
                line: 1,
                message: "cannot recognise the header '\(String(decoding: firstLine.prefix(120), as: UTF8.self))'; "
                    + "give --format (one of \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        return try withoutActuallyEscaping(sink) { sink in
            var run = Run(importer: self, name: name, format: format, sink: sink)
            if format == .text {
                try run.readText(bytes)
            } else {
                try run.readCSV(bytes, delimiter: delimiter, header: headerNames)
            }
            return run.report
        }
    }

    static func firstLine(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            start = 3
        }
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// A plain list: the first line that is not blank or a `#` comment is one address or hash.
    static func looksLikeText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var line = String(decoding: bytes[start..<end], as: UTF8.self)
            if line.hasPrefix("\u{FEFF}") {
                line.removeFirst()
            }
            line = line.trimmingSpaces()
            start = end + 1
            if line.isEmpty || line.hasPrefix("#") {
                continue
            }
            return line.contains("@") || SuppressionKey.hash(line.lowercased()) != nil
        }
        return false
    }
}
