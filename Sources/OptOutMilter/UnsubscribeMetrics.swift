import CoreMetrics
import Policy

/// The metrics of one-click unsubscribe: links put on marketing (or why not) on the mail path, and
/// requests to the endpoint. Every series is created up front, as in ``PolicyMetrics``.
public final class UnsubscribeMetrics: Sendable {
    /// What became of one request to the endpoint.
    public enum Result: String, Sendable, CaseIterable {
        /// A new opt-out was written.
        case added
        /// The address was already opted out for that scope: nothing changed.
        case already
        /// The token was malformed, forged or altered (400).
        case invalid
        /// The token was genuine but past `unsubscribe.token_lifetime` (400).
        case expired
        /// The store could not be written (503; the sender retries).
        case error
    }

    /// Where an unsubscribe came from: `one-click` is the RFC 8058 POST (from a mailbox provider or
    /// from the confirmation page a GET shows).
    public static let sources = ["one-click"]

    static let help: [(name: String, help: String)] = [
        (
            "optout_unsubscribes_total",
            "Unsubscribe requests, by source and result (added, already, invalid, expired, error)."
        ),
        ("optout_unsubscribe_headers_added_total", "Marketing messages that left with one-click unsubscribe headers."),
        (
            "optout_unsubscribe_headers_skipped_total",
            "Delivered marketing messages left without them, by reason (several-recipients, present, not-delivered, "
                + "no-address)."
        ),
    ]

    private let requests: [String: Counter]
    private let added: Counter
    private let skipped: [UnsubscribeHeaders.SkipReason: Counter]

    init(factory: any MetricsFactory) {
        var requests: [String: Counter] = [:]
        for source in Self.sources {
            for result in Result.allCases {
                requests["\(source)|\(result.rawValue)"] = Counter(
                    label: "optout_unsubscribes_total",
                    dimensions: [("source", source), ("result", result.rawValue)],
                    factory: factory
                )
            }
        }
        self.requests = requests
        self.added = Counter(label: "optout_unsubscribe_headers_added_total", factory: factory)
        var skipped: [UnsubscribeHeaders.SkipReason: Counter] = [:]
        for reason in UnsubscribeHeaders.SkipReason.allCases {
            skipped[reason] = Counter(
                label: "optout_unsubscribe_headers_skipped_total",
                dimensions: [("reason", reason.rawValue)],
                factory: factory
            )
        }
        self.skipped = skipped
    }

    /// One request to the endpoint answered.
    public func request(source: String, result: Result) {
        self.requests["\(source)|\(result.rawValue)"]?.increment()
    }

    /// One judged message's headers (nothing when unsubscribe did not apply to it).
    func headers(_ outcome: UnsubscribeHeaders.Outcome?) {
        switch outcome {
        case .added: self.added.increment()
        case .skipped(let reason): self.skipped[reason]?.increment()
        case nil: break
        }
    }
}
