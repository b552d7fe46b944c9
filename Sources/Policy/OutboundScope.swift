/// Which mail is ours to check: mail that leaves the building.
///
/// Mail is outbound when the client authenticated (`{auth_authen}` set), when it came in through
/// one of the listed MTA daemons (`{daemon_name}`), or when the client's address is in one of the
/// listed networks. Everything else is accepted at the first callback where that is known, with
/// no further cost.
public struct OutboundScope: Sendable, Hashable {
    /// `outbound.authenticated`: an authenticated client is in scope. Default true.
    public var authenticated: Bool
    /// `outbound.daemons`: `{daemon_name}` values in scope. Default `[ORIGINATING]` (the name
    /// Postfix's submission services conventionally set).
    public var daemons: [String]
    /// `outbound.networks`: client networks in scope. Default `127.0.0.0/8`, `::1/128`.
    public var networks: [IPNetwork]

    public init(
        authenticated: Bool = true,
        daemons: [String] = ["ORIGINATING"],
        networks: [IPNetwork] = Self.defaultNetworks
    ) {
        self.authenticated = authenticated
        self.daemons = daemons
        self.networks = networks
    }

    /// Loopback, IPv4 and IPv6.
    public static let defaultNetworks = ["127.0.0.0/8", "::1/128"].compactMap(IPNetwork.init(parsing:))

    /// What is known about the client at a stage.
    public enum Answer: Sendable, Hashable {
        /// Outbound: check the message.
        case inScope
        /// Not outbound: accept without looking.
        case outOfScope
        /// Not decided yet (authentication is only known from MAIL FROM on).
        case unknown
    }

    /// At connect: the client's address and the daemon are known, authentication is not.
    public func atConnect(clientAddress: String?, daemonName: String?) -> Answer {
        if self.matchesConnection(clientAddress: clientAddress, daemonName: daemonName) {
            return .inScope
        }
        return self.authenticated ? .unknown : .outOfScope
    }

    /// At MAIL FROM: everything is known.
    public func atMail(clientAddress: String?, daemonName: String?, authenticatedUser: String?) -> Answer {
        if self.matchesConnection(clientAddress: clientAddress, daemonName: daemonName) {
            return .inScope
        }
        if self.authenticated, let user = authenticatedUser, !user.isEmpty {
            return .inScope
        }
        return .outOfScope
    }

    private func matchesConnection(clientAddress: String?, daemonName: String?) -> Bool {
        if let daemonName, self.daemons.contains(daemonName) {
            return true
        }
        guard let clientAddress else { return false }
        return self.networks.contains { $0.contains(clientAddress) }
    }
}
