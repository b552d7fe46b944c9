/// A report that cannot be made: a bad period, a file that cannot be read.
public struct AuditReportError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
