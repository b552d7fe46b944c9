/// A configuration file that cannot be used, with where the problem is.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The file, as given.
    public var file: String
    /// The 1-based line of the problem, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors and compilers use.
    public var description: String {
        if let line = self.line {
            return "\(self.file):\(line): \(self.message)"
        }
        return "\(self.file): \(self.message)"
    }
}
