/// Where the milter listens, in libmilter's connection syntax.
///
/// - `unix:/path` (or `local:/path`): a unix-domain socket.
/// - `inet:PORT@HOST` / `inet:PORT`: TCP over IPv4 (HOST defaults to all addresses; use 127.0.0.1).
/// - `inet6:PORT@HOST` / `inet6:PORT`: TCP over IPv6.
public enum MilterSocket: Sendable, Hashable, CustomStringConvertible {
    case unix(path: String)
    case inet(port: Int, host: String?)
    case inet6(port: Int, host: String?)

    /// A socket specification that could not be parsed.
    public struct ParseError: Error, Hashable, CustomStringConvertible {
        public var specification: String
        public var reason: String

        public var description: String {
            "invalid socket '\(self.specification)': \(self.reason)"
        }
    }

    /// Parses `unix:/path`, `local:/path`, `inet:PORT[@HOST]` or `inet6:PORT[@HOST]`.
    public init(parsing specification: String) throws(ParseError) {
        guard let colon = specification.firstIndex(of: ":") else {
            throw ParseError(
                specification: specification,
                reason: "expected unix:/path, inet:PORT@HOST or inet6:PORT@HOST"
            )
        }
        let scheme = specification[..<colon]
        let rest = String(specification[specification.index(after: colon)...])
        switch scheme {
        case "unix", "local":
            guard rest.hasPrefix("/") else {
                throw ParseError(specification: specification, reason: "a unix socket path must be absolute")
            }
            self = .unix(path: rest)
        case "inet", "inet6":
            let parts = rest.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            guard let port = Int(parts[0]), (1...65535).contains(port) else {
                throw ParseError(specification: specification, reason: "the port must be a number from 1 to 65535")
            }
            var host: String? = nil
            if parts.count == 2 {
                guard !parts[1].isEmpty else {
                    throw ParseError(specification: specification, reason: "empty host after '@'")
                }
                host = String(parts[1])
            }
            self = scheme == "inet" ? .inet(port: port, host: host) : .inet6(port: port, host: host)
        default:
            throw ParseError(specification: specification, reason: "unknown scheme '\(scheme)'")
        }
    }

    /// The specification in libmilter's syntax (what `smfi_setconn` takes).
    public var description: String {
        switch self {
        case .unix(let path): return "unix:\(path)"
        case .inet(let port, let host): return host.map { "inet:\(port)@\($0)" } ?? "inet:\(port)"
        case .inet6(let port, let host): return host.map { "inet6:\(port)@\($0)" } ?? "inet6:\(port)"
        }
    }

    /// Whether this is a TCP socket (TCP_NODELAY is set on it).
    public var isTCP: Bool {
        if case .unix = self {
            return false
        }
        return true
    }

    /// The TCP port, if any.
    var port: Int? {
        switch self {
        case .unix: return nil
        case .inet(let port, _), .inet6(let port, _): return port
        }
    }
}
