/// What the policy does to a marketing message that has suppressed recipients.
public enum PolicyAction: Sendable, Hashable, CustomStringConvertible {
    /// Delete only the suppressed recipients (`smfi_delrcpt`); the others receive the message.
    case removeRecipient
    /// Refuse the whole message with the configured 5xx reply.
    case reject
    /// Hold the message for review (Postfix hold queue, Sendmail quarantine) with the reason.
    case quarantine
    /// Remove every recipient and deliver to this address instead (a compliance mailbox).
    case redirect(String)
    /// Only add the policy header.
    case tag

    /// Parses the configuration form: `remove-recipient`, `reject`, `quarantine`,
    /// `redirect:ADDRESS` or `tag`.
    public init?(parsing text: String) {
        switch text {
        case "remove-recipient": self = .removeRecipient
        case "reject": self = .reject
        case "quarantine": self = .quarantine
        case "tag": self = .tag
        default:
            guard text.hasPrefix("redirect:") else { return nil }
            let address = String(text.dropFirst("redirect:".count)).trimmingCharacters(in: " <>")
            guard Self.isPlausibleAddress(address) else { return nil }
            self = .redirect(address)
        }
    }

    /// The configuration form.
    public var description: String {
        switch self {
        case .removeRecipient: "remove-recipient"
        case .reject: "reject"
        case .quarantine: "quarantine"
        case .redirect(let address): "redirect:\(address)"
        case .tag: "tag"
        }
    }

    /// The action's name without its argument, as written in headers, audit records and metrics
    /// (a redirect's address is configuration, not a label).
    public var name: String {
        switch self {
        case .redirect: "redirect"
        default: self.description
        }
    }

    /// The forms accepted by ``init(parsing:)``, for error messages.
    public static let forms = "remove-recipient, reject, quarantine, redirect:ADDRESS, tag"

    /// One `@`, something on each side, no white space or angle brackets: enough to refuse a typo
    /// in the configuration; the MTA validates the address itself.
    private static func isPlausibleAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !address.contains(where: { $0 == " " || $0 == "\t" || $0 == "<" || $0 == ">" || $0 == "," })
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set)
        return String(self.drop { scalars.contains($0) }.reversed().drop { scalars.contains($0) }.reversed())
    }
}
