import Foundation
import Suppression
import Unsubscribe

/// Puts one-click unsubscribe (RFC 8058) on the marketing messages the policy delivers.
///
/// A link names one recipient, so it goes only on a message with exactly one recipient left to
/// deliver to; anything else is skipped and the reason recorded. The token carries the
/// recipient's canonical address (the form the suppression list keys on).
public struct UnsubscribeHeaders: Sendable {
    public static let listUnsubscribe = "List-Unsubscribe"
    public static let listUnsubscribePost = "List-Unsubscribe-Post"

    /// What happened to one message's headers.
    public enum Outcome: Sendable, Hashable {
        case added
        case skipped(SkipReason)

        /// For the audit record: `added` or the skip reason.
        public var label: String {
            switch self {
            case .added: "added"
            case .skipped(let reason): reason.rawValue
            }
        }
    }

    /// Why a marketing message left without the milter's link.
    public enum SkipReason: String, Sendable, Hashable, CaseIterable {
        /// More than one recipient is delivered to: no single token fits them all.
        case severalRecipients = "several-recipients"
        /// `headers: add-if-missing` and the sender's message has its own `List-Unsubscribe`.
        case present
        /// Nobody receives it as sent (held, redirected).
        case notDelivered = "not-delivered"
        /// The recipient's address cannot be normalised into a list key.
        case noAddress = "no-address"
    }

    public var links: UnsubscribeLinks
    public var mode: UnsubscribeHeaderMode
    /// The suppression list's normaliser: the token's address is the key an unsubscribe writes.
    public var normalizer: AddressNormalizer

    public init(links: UnsubscribeLinks, mode: UnsubscribeHeaderMode, normalizer: AddressNormalizer) {
        self.links = links
        self.mode = mode
        self.normalizer = normalizer
    }

    /// The edits for a marketing message that is being accepted, and the outcome.
    /// - Parameters:
    ///   - delivered: the recipients that receive the message as sent.
    ///   - existing: how many `List-Unsubscribe` and `List-Unsubscribe-Post` fields it already has.
    func edits(
        delivered: [String],
        existing: (list: Int, post: Int),
        time: Date
    ) -> (edits: [Decision.Edit], outcome: Outcome) {
        guard delivered.count == 1 else {
            return ([], .skipped(delivered.isEmpty ? .notDelivered : .severalRecipients))
        }
        var edits: [Decision.Edit] = []
        switch self.mode {
        case .addIfMissing:
            if existing.list > 0 || existing.post > 0 {
                return ([], .skipped(.present))
            }
        case .replace:
            edits += Decision.Edit.deleteHeaders(name: Self.listUnsubscribe, count: existing.list)
            edits += Decision.Edit.deleteHeaders(name: Self.listUnsubscribePost, count: existing.post)
        }
        guard let address = try? self.normalizer.normalize(delivered[0].trimmingASCII(" <>")).canonical else {
            return ([], .skipped(.noAddress))
        }
        let token = self.links.token(for: address, at: time)
        edits.append(.addHeader(name: Self.listUnsubscribe, value: self.links.listUnsubscribe(token: token)))
        edits.append(.addHeader(name: Self.listUnsubscribePost, value: UnsubscribeLinks.postHeaderValue))
        return (edits, .added)
    }
}
