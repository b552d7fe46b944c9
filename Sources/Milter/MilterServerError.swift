/// Why the milter could not start or stopped abnormally.
public struct MilterServerError: Error, Hashable, CustomStringConvertible {
    /// What failed, in words an operator can act on.
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { self.reason }
}
