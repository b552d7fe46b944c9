/// A labels CSV that cannot be used, with the line to fix.
public struct LabelsError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The labels file as named by the caller.
    public var file: String
    /// 1-based line of the bad row; 0 when the file is empty.
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `FILE:LINE: reason`, as compilers print it, so editors can jump to the row.
    public var description: String { "\(self.file):\(self.line): \(self.reason)" }
}
