/// The part of a message a rule reads, in the order a milter receives them.
///
/// The milter asks the MTA for the body only when some enabled rule has stage `body`
/// (``CompiledRuleSet/needsBody``), so a header-only rule set never pays for body transfer.
public enum Stage: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// SMTP envelope and session: MAIL FROM, the authenticated user.
    case envelope
    /// The message header (Subject, From, List-*, ESP headers, the declared category).
    case headers
    /// The decoded body: text parts, links, images, attachments, MIME structure.
    case body

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int {
        switch self {
        case .envelope: 0
        case .headers: 1
        case .body: 2
        }
    }
}
