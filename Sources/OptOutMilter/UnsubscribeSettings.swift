import Foundation
import Unsubscribe

/// The `unsubscribe` section: one-click unsubscribe (RFC 8058) links on delivered marketing, and
/// the HTTP endpoint they lead to. Absent from the file: off.
public struct UnsubscribeSettings: Sendable, Hashable {
    /// `127.0.0.1:9188`: a reverse proxy on the same machine publishes it.
    public static let defaultListen = MetricsListenAddress(host: "127.0.0.1", port: 9188)
    /// 400 days: longer than the two days Gmail and Yahoo allow for honouring a request, and than
    /// the time a message is kept and read.
    public static let defaultLifetimeSeconds: Int64 = 400 * 86_400

    /// `unsubscribe.url`: the public base URL; a link is this followed by the token.
    public var url: String
    /// `unsubscribe.mailto`: an unsubscribe mailbox for a mailto link; nil for none.
    public var mailto: String?
    /// `unsubscribe.listen`: where the endpoint binds.
    public var listen: MetricsListenAddress
    /// `unsubscribe.allow_remote`: must be true for a `listen` address that is not loopback.
    public var allowRemote: Bool
    /// `unsubscribe.keys`: key files; the first seals, all open.
    public var keyFiles: [String]
    /// `unsubscribe.scope`: the suppression scope an unsubscribe writes (default `marketing`).
    public var scope: String
    /// `unsubscribe.token_lifetime`: seconds a link stays valid.
    public var tokenLifetimeSeconds: Int64
    /// `unsubscribe.headers`: keep the sender's own `List-Unsubscribe` or replace it.
    public var headers: UnsubscribeHeaderMode

    public init(
        url: String,
        mailto: String? = nil,
        listen: MetricsListenAddress = Self.defaultListen,
        allowRemote: Bool = false,
        keyFiles: [String],
        scope: String = "marketing",
        tokenLifetimeSeconds: Int64 = Self.defaultLifetimeSeconds,
        headers: UnsubscribeHeaderMode = .addIfMissing
    ) {
        self.url = url
        self.mailto = mailto
        self.listen = listen
        self.allowRemote = allowRemote
        self.keyFiles = keyFiles
        self.scope = scope
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.headers = headers
    }

    /// Reads the key files and makes the links. Throws ``UnsubscribeKeyError`` naming the file.
    public func links() throws -> UnsubscribeLinks {
        UnsubscribeLinks(
            baseURL: self.url,
            mailto: self.mailto,
            keys: try self.keyFiles.map { path throws(UnsubscribeKeyError) in try UnsubscribeKey.load(path: path) },
            scope: self.scope,
            lifetime: .seconds(self.tokenLifetimeSeconds)
        )
    }
}
