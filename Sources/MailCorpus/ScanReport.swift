import MailScanner

/// The human-readable form of a ``ScannedMessage`` for `optout-milter scan`.
public struct ScanReport {
    public let message: ScannedMessage

    public init(message: ScannedMessage) {
        self.message = message
    }

    /// Headers, flags, text parts, links, images and attachments, one block each.
    public var text: String {
        var lines: [String] = []
        let message = self.message
        lines.append("Subject: \(message.subject ?? "(none)")")
        for (label, addresses) in [
            ("From", message.from), ("To", message.to), ("Cc", message.cc), ("Reply-To", message.replyTo),
        ] where !addresses.isEmpty {
            lines.append("\(label): " + addresses.map(Self.describe).joined(separator: ", "))
        }
        lines.append("Headers: \(message.headers.count)    Scanned bytes: \(message.scannedBytes)")
        var flags: [String] = []
        if message.flags.truncated { flags.append("truncated") }
        if message.flags.malformed { flags.append("malformed") }
        if message.flags.limitsReached { flags.append("limits-reached") }
        if message.flags.htmlOnly { flags.append("html-only") }
        if message.flags.hasHiddenText { flags.append("hidden-text") }
        lines.append("Flags: " + (flags.isEmpty ? "(none)" : flags.joined(separator: " ")))
        for (index, part) in message.textParts.enumerated() {
            lines.append("")
            lines.append("--- Text part \(index + 1): \(part.contentType), charset \(part.charset) ---")
            lines.append(part.text)
            if !part.hiddenText.isEmpty {
                lines.append("--- Hidden text in part \(index + 1) ---")
                lines.append(part.hiddenText)
            }
        }
        if !message.links.isEmpty {
            lines.append("")
            lines.append("Links (\(message.links.count)):")
            for link in message.links {
                var line = "  [\(link.source.rawValue)] \(link.url)"
                if !link.text.isEmpty { line += "  \"\(link.text)\"" }
                lines.append(line)
                if !link.host.isEmpty || !link.query.isEmpty {
                    let query = link.query.map { "\($0.name)=\($0.value)" }.joined(separator: " & ")
                    lines.append("      host \(link.host) path \(link.path)" + (query.isEmpty ? "" : " query \(query)"))
                }
            }
        }
        if !message.images.isEmpty {
            lines.append("")
            lines.append("Images (\(message.images.count)):")
            for image in message.images {
                let width = image.width.map(String.init) ?? "?"
                let height = image.height.map(String.init) ?? "?"
                var line = "  \(image.src)  \(width)x\(height)"
                if image.isTrackingPixel { line += "  tracking pixel" }
                if !image.alt.isEmpty { line += "  alt \"\(image.alt)\"" }
                lines.append(line)
            }
        }
        if !message.attachments.isEmpty {
            lines.append("")
            lines.append("Attachments (\(message.attachments.count)):")
            for attachment in message.attachments {
                lines.append(
                    "  \(attachment.filename ?? "(no name)")  \(attachment.contentType)  \(attachment.size) bytes"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ address: ScannedMessage.Address) -> String {
        var text = address.displayName.map { "\"\($0)\" <\(address.address)>" } ?? address.address
        if let group = address.group { text = "\(group): " + text }
        return text
    }
}
