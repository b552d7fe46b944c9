/// How senders declare a message's category (the `declared:` section), and whether a message is
/// declared service mail.
public struct DeclaredCategory: Sendable, Hashable {
    /// `declared.header`: the header a sender puts the category in. Default `X-Message-Category`.
    public var header: String
    /// `declared.remove_header`: remove that header before delivery (it is internal). Default true.
    public var removeHeader: Bool
    /// `declared.service_senders`: addresses or `@domains`; mail whose envelope sender or From:
    /// matches one is declared service whatever its header says.
    public var serviceSenders: [String]

    public init(header: String = "X-Message-Category", removeHeader: Bool = true, serviceSenders: [String] = []) {
        self.header = header
        self.removeHeader = removeHeader
        self.serviceSenders = serviceSenders.map { $0.lowercased() }
    }

    /// Header values that declare service (transactional) mail.
    public static let serviceValues: Set<String> = ["service", "transactional", "servicing", "operational"]

    /// Whether the message is declared service: by its header value, or by a sender in
    /// ``serviceSenders``.
    public func declaresService(headerValue: String?, senders: [String]) -> Bool {
        if let value = headerValue, Self.serviceValues.contains(Self.normalized(value)) {
            return true
        }
        return senders.contains { self.isServiceSender($0) }
    }

    /// The header value as compared: lower-cased, trimmed.
    public static func normalized(_ value: String) -> String {
        value.lowercased().trimmingCharacters(in: " \t\r\n")
    }

    func isServiceSender(_ address: String) -> Bool {
        let address = address.lowercased().trimmingCharacters(in: " <>")
        guard let at = address.lastIndex(of: "@") else { return false }
        let domain = address[address.index(after: at)...]
        return self.serviceSenders.contains { entry in
            entry.hasPrefix("@") ? entry.dropFirst() == domain : entry == address
        }
    }
}
