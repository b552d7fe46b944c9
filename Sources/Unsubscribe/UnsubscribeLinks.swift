import Foundation

/// Makes and reads the links of one-click unsubscribe (RFC 8058): the header values a marketing
/// message leaves with, and the token inside a link that comes back.
public struct UnsubscribeLinks: Sendable {
    /// The value of `List-Unsubscribe-Post` (RFC 8058 §3.1).
    public static let postHeaderValue = "List-Unsubscribe=One-Click"
    /// The path under which the endpoint serves tokens; the public base URL maps onto it.
    public static let endpointPath = "/u/"

    /// The public base URL, ending in `/`: a link is this followed by the token.
    public var baseURL: String
    /// The unsubscribe mailbox (`unsubscribe@example.com`); a link puts the token after a `+` in
    /// its local part. nil: no mailto link.
    public var mailto: String?
    /// The first seals, every one opens.
    public var keys: [UnsubscribeKey]
    /// The suppression scope an unsubscribe writes.
    public var scope: String
    /// How long a link stays valid.
    public var lifetime: Duration

    public init(baseURL: String, mailto: String?, keys: [UnsubscribeKey], scope: String, lifetime: Duration) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.mailto = mailto
        self.keys = keys
        self.scope = scope
        self.lifetime = lifetime
    }

    /// A new token for `address`, sealed with the first key.
    public func token(for address: String, at time: Date = Date()) -> String {
        UnsubscribeToken(address: address, scope: self.scope, issuedAt: time).sealed(with: self.keys[0])
    }

    /// The HTTPS link for a token.
    public func url(token: String) -> String {
        self.baseURL + token
    }

    /// The mailto link for a token, when a mailbox is configured.
    public func mailtoLink(token: String) -> String? {
        guard let mailto = self.mailto, let at = mailto.lastIndex(of: "@") else { return nil }
        return "mailto:" + mailto[..<at] + "+" + token + mailto[at...]
    }

    /// `List-Unsubscribe`: the HTTPS link first (the one RFC 8058 POSTs to), then the mailto link.
    public func listUnsubscribe(token: String) -> String {
        var value = "<\(self.url(token: token))>"
        if let mailto = self.mailtoLink(token: token) {
            value += ", <\(mailto)>"
        }
        return value
    }

    /// Opens a token with the configured keys and lifetime.
    public func open(_ token: some StringProtocol, now: Date = Date()) throws(UnsubscribeTokenError) -> UnsubscribeToken
    {
        try UnsubscribeToken.open(token, keys: self.keys, lifetime: self.lifetime, now: now)
    }

    /// The token inside a link: the last path segment of an http(s) URL, the text after the last
    /// `+` of a mailto local part, or the text itself when it is a bare token.
    public static func tokenText(inLink link: String) -> Substring {
        let trimmed = link.trimmingCharacters(in: CharacterSet(charactersIn: " <>\t\r\n"))
        if trimmed.lowercased().hasPrefix("mailto:") {
            let local = trimmed.dropFirst(7).prefix { $0 != "@" }
            return local.lastIndex(of: "+").map { local[local.index(after: $0)...] } ?? local
        }
        var path = Substring(trimmed)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            path = path[..<query]
        }
        return path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path
    }

    /// Why `text` cannot be the public base URL (nil when it can): it must be an absolute https URL
    /// with a host, or http for a loopback host (tests, a proxy on the same machine).
    public static func problem(withBaseURL text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return "expected an absolute URL such as https://unsubscribe.example.com/u/" }
        guard components.query == nil, components.fragment == nil else {
            return "the URL must not have a query or fragment: the token is appended to its path"
        }
        switch scheme {
        case "https":
            return nil
        case "http" where ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()):
            return nil
        default:
            return "RFC 8058 needs an https URL (http only for a loopback host)"
        }
    }
}
