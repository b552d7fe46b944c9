/// A `HOST:PORT` (or `[IPv6]:PORT`) for the metrics listener.
public struct MetricsListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    /// 0 asks the system for a free port (tests).
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `127.0.0.1:9187`, `localhost:9187`, `[::1]:9187`; nil for anything else.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            return nil  // an IPv6 address must be bracketed, or its port is ambiguous
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" }) else { return nil }
        self.host = host
        self.port = port
    }

    /// True for `localhost`, 127.0.0.0/8 and `::1`: addresses only this machine reaches.
    public var isLoopback: Bool {
        if self.host == "localhost" || self.host == "::1" || self.host == "0:0:0:0:0:0:0:1" {
            return true
        }
        let parts = self.host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }

    public var description: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }
}
