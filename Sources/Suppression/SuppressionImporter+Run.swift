import Foundation

extension SuppressionImporter {
    /// The state of one file being read.
    struct Run {
        let importer: SuppressionImporter
        let name: String
        let format: ImportFormat
        let sink: (NewSuppressionEntry) throws -> Void
        let source: String
        let importTime = Date()
        var report: Report

        init(
            importer: SuppressionImporter,
            name: String,
            format: ImportFormat,
            sink: @escaping (NewSuppressionEntry) throws -> Void
        ) {
            self.importer = importer
            self.name = name
            self.format = format
            self.sink = sink
            self.source = importer.options.source ?? "import:\(format):\((name as NSString).lastPathComponent)"
            self.report = Report(format: format)
        }

        mutating func readText(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            var line = 0
            var start = SuppressionImporter.firstLine(bytes).baseAddress.map { $0 - bytes.baseAddress! } ?? 0
            while start < bytes.count {
                line += 1
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                let text = String(decoding: bytes[start..<end], as: UTF8.self).trimmingSpaces()
                start = end + 1
                if text.isEmpty || text.hasPrefix("#") || (line == 1 && Self.headerWords.contains(text.lowercased())) {
                    continue
                }
                try self.add(line: line, entry: text, time: nil, reason: nil, scope: nil, source: nil)
            }
        }

        static let headerWords: Set = ["email", "e-mail", "address", "email address", "sha256", "md5", "hash"]

        mutating func readCSV(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, header: [String]) throws {
            let columns: ImportFormat.Columns
            switch self.format.columns(header: header) {
            case .success(let found): columns = found
            case .failure(let problem):
                throw ImportError(file: self.name, line: 1, message: "\(self.format): \(problem.message)")
            }
            var reader = CSVReader(bytes: bytes, delimiter: delimiter)
            do {
                _ = try reader.next()  // the header
                while try reader.next() {
                    if reader.count == 1 && reader[0].isEmpty {
                        continue  // blank line
                    }
                    let reasons = columns.reason.map { reader.string($0).trimmingSpaces() }.filter { !$0.isEmpty }
                    try self.add(
                        line: reader.recordLine,
                        entry: reader.string(columns.entry),
                        time: columns.time.map { reader.string($0) },
                        reason: reasons.isEmpty ? nil : reasons.joined(separator: " / "),
                        scope: columns.scope.map { reader.string($0) },
                        source: columns.source.map { reader.string($0) },
                        scopeFromTags: columns.scopeFromTags,
                        defaultReason: columns.defaultReason
                    )
                }
            } catch let error as CSVError {
                throw ImportError(file: self.name, line: error.line, message: error.message)
            }
        }

        mutating func add(
            line: Int,
            entry: String,
            time: String?,
            reason: String?,
            scope: String?,
            source: String?,
            scopeFromTags: Bool = false,
            defaultReason: String = "import"
        ) throws {
            let options = self.importer.options
            let draft: NewSuppressionEntry
            do {
                let key = try SuppressionKey.parse(entry, normalizer: self.importer.normalizer)
                var effective = options.effectiveAt ?? self.importTime
                if let time = time?.trimmingSpaces(), !time.isEmpty {
                    guard let parsed = Timestamp.parse(time) else {
                        throw ImportError.Problem("cannot read the time '\(time)'")
                    }
                    effective = parsed
                }
                var entryScope = options.scope
                if let scope = scope?.trimmingSpaces(), !scope.isEmpty {
                    do {
                        entryScope = try SuppressionScope(parsing: scopeFromTags && scope == "*" ? "*" : scope)
                    } catch {
                        throw ImportError.Problem(error.description)
                    }
                }
                draft = NewSuppressionEntry(
                    key: key,
                    raw: entry.trimmingSpaces(),
                    scope: entryScope,
                    effectiveAt: effective,
                    source: source.flatMap { $0.isEmpty ? nil : $0 } ?? self.source,
                    reason: reason ?? options.reason ?? defaultReason
                )
            } catch let error as AddressError {
                try self.reject(line: line, message: "'\(entry.trimmingSpaces())': \(error)")
                return
            } catch let problem as ImportError.Problem {
                try self.reject(line: line, message: problem.message)
                return
            }
            try self.sink(draft)
            self.report.entries += 1
            self.report.byKind[draft.key.kind, default: 0] += 1
        }

        mutating func reject(line: Int, message: String) throws {
            guard self.importer.options.skipInvalid else {
                throw ImportError(file: self.name, line: line, message: message)
            }
            self.report.skipped += 1
            if self.report.skippedExamples.count < 10 {
                self.report.skippedExamples.append("line \(line): \(message)")
            }
        }
    }
}
