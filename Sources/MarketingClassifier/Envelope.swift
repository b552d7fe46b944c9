/// What the SMTP session knew about a message besides its content.
///
/// The milter fills it from MAIL FROM and the `{auth_authen}` macro; `optout-milter check`
/// takes MAIL FROM from `Return-Path` when the file has one.
public struct Envelope: Sendable, Hashable, Codable {
    /// The envelope sender (reverse path) without angle brackets; empty for the null sender.
    public var mailFrom: String?
    /// The SASL-authenticated submitter (`{auth_authen}`), when the client authenticated.
    public var authenticatedUser: String?

    public init(mailFrom: String? = nil, authenticatedUser: String? = nil) {
        self.mailFrom = mailFrom
        self.authenticatedUser = authenticatedUser
    }
}
