/// Why an import changed nothing: the file, the line, and what is wrong there.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as named on the command line.
    public var file: String
    /// The 1-based line (0 when the problem is not tied to a line).
    public var line: Int
    /// What is wrong.
    public var message: String

    /// A problem before its line is known.
    struct Problem: Error {
        var message: String

        init(_ message: String) {
            self.message = message
        }
    }

    public var description: String {
        self.line > 0 ? "\(self.file):\(self.line): \(self.message)" : "\(self.file): \(self.message)"
    }
}
