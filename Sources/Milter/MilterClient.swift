/// The SMTP client of a connection, as the MTA described it at connect.
public struct MilterClient: Sendable, Hashable {
    /// The client's host name (or `[address]` when it has none).
    public var hostname: String
    /// The client's address as text (`192.0.2.1`, `2001:db8::1`, a unix path), or nil when unknown.
    public var address: String?
    /// The client's port, when it has one.
    public var port: Int?

    public init(hostname: String, address: String? = nil, port: Int? = nil) {
        self.hostname = hostname
        self.address = address
        self.port = port
    }
}
