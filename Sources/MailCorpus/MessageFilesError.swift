/// A path that could not be read: a message, a directory, a labels or rule file.
public struct MessageFilesError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The path as given (or as joined with the corpus root).
    public var path: String
    /// What went wrong, in words for a person.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `PATH: reason`, how the commands print it.
    public var description: String { "\(self.path): \(self.reason)" }
}
