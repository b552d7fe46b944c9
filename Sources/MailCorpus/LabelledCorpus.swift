import Foundation

/// A labels CSV for `eval`: `file,label[,mixed][,borderline][,...]` with a header line.
public struct LabelledCorpus: Sendable {
    /// What a person said a message is. Only marketing counts as positive; scam is left out.
    public enum Label: String, Sendable, CaseIterable {
        case marketing, service, other, scam
    }

    /// One labelled message.
    public struct Row: Sendable, Equatable {
        /// The message file, relative to the corpus root unless it starts with `/`.
        public var file: String
        public var label: Label
        /// Service or discussion mail that carries a promotional element.
        public var mixed: Bool
        /// A judgement call: reported with and without these rows.
        public var borderline: Bool
        /// 1-based line in the CSV, for error messages.
        public var line: Int

        public init(file: String, label: Label, mixed: Bool = false, borderline: Bool = false, line: Int) {
            self.file = file
            self.label = label
            self.mixed = mixed
            self.borderline = borderline
            self.line = line
        }
    }

    /// The rows in file order; blank lines are skipped.
    public var rows: [Row]

    /// Reads and parses the labels file at `path` (see ``init(csv:name:)``).
    public init(contentsOfFile path: String) throws {
        guard let csv = FileManager.default.contents(atPath: path) else {
            throw MessageFilesError(path: path, reason: "cannot read labels file")
        }
        try self.init(csv: String(decoding: csv, as: UTF8.self), name: path)
    }

    /// Parses RFC 4180 CSV (quoted fields, doubled quotes); columns are found by header name.
    /// The first bad row throws ``LabelsError`` naming `name` and the row's line.
    public init(csv: String, name: String) throws {
        let records = Self.records(csv)
        guard let header = records.first?.fields.map({ $0.trimmed.lowercased() }) else {
            throw LabelsError(file: name, line: 0, reason: "empty labels file")
        }
        guard let fileColumn = header.firstIndex(of: "file"), let labelColumn = header.firstIndex(of: "label") else {
            throw LabelsError(file: name, line: 1, reason: "the header needs columns 'file' and 'label'")
        }
        let mixedColumn = header.firstIndex(of: "mixed")
        let borderlineColumn = header.firstIndex(of: "borderline")
        self.rows = []
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmed.isEmpty }) {
            func field(_ column: Int?) -> String {
                guard let column, column < record.fields.count else { return "" }
                return record.fields[column].trimmed
            }
            guard let label = Label(rawValue: field(labelColumn).lowercased()) else {
                throw LabelsError(
                    file: name,
                    line: record.line,
                    reason: "label '\(field(labelColumn))' is not marketing, service, other or scam"
                )
            }
            let file = field(fileColumn)
            guard !file.isEmpty else {
                throw LabelsError(file: name, line: record.line, reason: "empty file column")
            }
            self.rows.append(
                Row(
                    file: file,
                    label: label,
                    mixed: Self.flag(field(mixedColumn)),
                    borderline: Self.flag(field(borderlineColumn)),
                    line: record.line
                )
            )
        }
    }

    private static func flag(_ value: String) -> Bool {
        ["1", "true", "yes", "y"].contains(value.lowercased())
    }

    /// The path of a row's message: `file` itself when absolute, else under `root`.
    public static func path(of row: Row, root: String) -> String {
        row.file.hasPrefix("/") ? row.file : "\(root)/\(row.file)"
    }

    /// The directory a labels file's relative paths are resolved against by default: its own.
    public static func defaultRoot(forLabelsFile path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// CSV records with the line each starts on.
    static func records(_ text: String) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var characters = Array(text).makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = characters.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                inQuotes = true
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                fields.append(field)
                records.append((recordLine, fields))
                fields = []
                field = ""
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        return records
    }
}

extension String {
    fileprivate var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}
