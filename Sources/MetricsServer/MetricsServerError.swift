/// Why the metrics listener did not start.
public struct MetricsServerError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
