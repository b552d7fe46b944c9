/// Why an HTTP listener (metrics, unsubscribe) did not start.
public struct HTTPServerError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
