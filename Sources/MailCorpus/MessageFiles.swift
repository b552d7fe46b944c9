import Foundation

/// Raw messages found under the paths given on a command line: single files, directories
/// (recursively), Maildirs (`cur/` and `new/`) and mbox files (split on `From ` lines).
public enum MessageFiles {
    /// One raw message and a name for it (`path` or `path#N` inside an mbox).
    public struct Entry: Sendable, Equatable {
        /// The file's path, with `#N` (1-based) appended for the Nth message of an mbox.
        public var name: String
        /// The raw RFC 5322 message, separator line and `>From ` quoting removed.
        public var bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// Every message under `paths`, in a stable order; unreadable paths throw ``MessageFilesError``.
    public static func entries(under paths: [String]) throws -> [Entry] {
        var result: [Entry] = []
        for path in paths {
            for file in try Self.files(under: path) {
                result += try Self.messages(in: file)
            }
        }
        return result
    }

    /// Regular files under `path`: itself, a Maildir's `cur`+`new`, or a directory's files recursively.
    public static func files(under path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MessageFilesError(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        let base = URL(fileURLWithPath: path)
        let manager = FileManager.default
        let maildirParts = ["cur", "new", "tmp"].map { base.appendingPathComponent($0).path }
        if maildirParts.allSatisfy({ manager.fileExists(atPath: $0) }) {
            // tmp/ holds messages still being written: a Maildir reader never looks there.
            return try maildirParts.prefix(2).flatMap { directory in
                try manager.contentsOfDirectory(atPath: directory).sorted().map { "\(directory)/\($0)" }
            }
        }
        guard let enumerator = manager.enumerator(atPath: path) else {
            throw MessageFilesError(path: path, reason: "cannot list directory")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let full = base.appendingPathComponent(relative).path
            var childIsDirectory: ObjCBool = false
            if manager.fileExists(atPath: full, isDirectory: &childIsDirectory), !childIsDirectory.boolValue,
                !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            {
                files.append(full)
            }
        }
        return files.sorted()
    }

    /// The messages in one file: several when it is an mbox, else the whole file.
    public static func messages(in path: String) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MessageFilesError(path: path, reason: "cannot read file")
        }
        let bytes = [UInt8](data)
        guard Self.startsWithFromLine(bytes, at: 0) else {
            return [Entry(name: path, bytes: bytes)]
        }
        return Self.splitMbox(bytes).enumerated().map { index, message in
            Entry(name: "\(path)#\(index + 1)", bytes: message)
        }
    }

    private static let fromLine = Array("From ".utf8)
    private static let quotedFromLine = Array(">From ".utf8)

    private static func startsWithFromLine(_ bytes: [UInt8], at index: Int) -> Bool {
        bytes.count - index >= 5 && bytes[index..<index + 5].elementsEqual(Self.fromLine)
    }

    /// Splits an mboxo/mboxrd file: a message starts at each `From ` line (the separator line is
    /// dropped); `>From ` at a line start loses one `>`.
    public static func splitMbox(_ bytes: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var current: [UInt8] = []
        var inMessage = false
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            if Self.startsWithFromLine(bytes, at: lineStart) {
                if inMessage { messages.append(current) }
                current = []
                inMessage = true
            } else if inMessage {
                var line = bytes[lineStart..<lineEnd]
                if line.first == 0x3E, line.drop(while: { $0 == 0x3E }).starts(with: Self.fromLine) {
                    line = line.dropFirst()
                }
                current.append(contentsOf: line)
            }
            lineStart = lineEnd
        }
        if inMessage { messages.append(current) }
        return messages
    }
}
