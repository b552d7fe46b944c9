import CoreMetrics
import Foundation
import MarketingClassifier
import Policy
import Synchronization

/// The daemon's metrics, emitted through swift-metrics to whatever backend the executable
/// bootstrapped (Prometheus in `run`; nothing in tests that do not pass a factory).
///
/// Every metric object is created here, once: the mail path only increments counters that already
/// exist (atomic adds in the Prometheus backend), so it takes no registry lock per message. The
/// one exception is the rule-hit counter, created the first time a rule id is seen: rule ids come
/// from the rule file, so that set is bounded, and the map that holds them is locked once per
/// message, not once per rule.
///
/// Labels are bounded: verdict, scope, outcome, action, rule id, result and error kind. Never an
/// address, a sender or a queue id.
public final class PolicyMetrics: Sendable {
    /// Where a message left the filter.
    public enum MessageVerdict: String, Sendable, CaseIterable {
        /// Classified marketing at end of message.
        case marketing
        /// Classified not marketing at end of message.
        case notMarketing = "not_marketing"
        /// Accepted at end of headers (`scan: when-suppressed`, no suppressed recipient): not classified.
        case notScanned = "not_scanned"
        /// Accepted at MAIL: not outbound.
        case outOfScope = "out_of_scope"
        /// Ended in `on_internal_error`.
        case error
    }

    /// What went wrong inside the filter, for `optout_internal_errors_total`.
    public enum ErrorKind: String, Sendable, CaseIterable {
        /// The policy could not decide (for instance a failed lookup on marketing).
        case decision
        /// The audit record could not be written.
        case auditWrite = "audit_write"
    }

    /// The `action` label: the configured action's name, without a redirect's address.
    /// Every recipient outcome, spelled out so that each series exists from the start.
    static let outcomes: [Decision.Outcome] = [.delivered, .removed, .rejected, .held, .redirected]

    static let actions = ["remove_recipient", "reject", "quarantine", "redirect", "tag", "none"]

    /// Metric names and their meaning: the HELP lines of the exposition and the README's table.
    public static let help: [(name: String, help: String)] =
        [
            (
                "optout_messages_total",
                "Messages seen, by verdict (marketing, not_marketing, not_scanned, out_of_scope, error)."
            ),
            ("optout_recipients_total", "Recipients of judged messages, by outcome and by the action the policy took."),
            ("optout_mislabelled_messages_total", "Messages declared as service mail but classified marketing."),
            ("optout_classifier_score", "Classifier score of each judged message."),
            ("optout_rule_hits_total", "Messages on which a classifier rule matched, by rule id."),
            (
                "optout_message_processing_seconds",
                "Time spent at end of message: classify, decide, write the audit record."
            ),
            ("optout_suppression_entries", "Entries in the suppression list of the snapshot in force."),
            ("optout_snapshot_age_seconds", "Seconds since the snapshot in force was built or last confirmed current."),
            ("optout_last_reload_timestamp_seconds", "Unix time of the last reload attempt."),
            ("optout_last_reload_success", "1 when the last reload attempt succeeded, 0 when it failed."),
            ("optout_reloads_total", "Reload attempts, by result (success, failure)."),
            ("optout_audit_write_errors_total", "Audit records that could not be written."),
            ("optout_connections_in_flight", "MTA connections open to the milter."),
            (
                "optout_internal_errors_total",
                "Messages that ended in on_internal_error, by kind (decision, audit_write)."
            ),
            ("optout_build_info", "Always 1; the version label tells which optout-milter is running."),
        ] + UnsubscribeMetrics.help

    /// One-click unsubscribe: links added or skipped, endpoint requests.
    public let unsubscribe: UnsubscribeMetrics

    private let messages: [MessageVerdict: Counter]
    private let recipients: [String: Counter]
    private let mislabelled: Counter
    private let score: Recorder
    private let processing: CoreMetrics.Timer
    private let suppressionEntries: Gauge
    private let snapshotAge: Gauge
    private let lastReload: Gauge
    private let lastReloadSuccess: Gauge
    private let reloadsSucceeded: Counter
    private let reloadsFailed: Counter
    private let auditWriteErrors: Counter
    private let connections: Meter
    private let internalErrors: [ErrorKind: Counter]
    private let buildInfo: Gauge
    private let factory: any MetricsFactory
    /// Rule-hit counters by rule id, behind `ruleHitsLock`. An `NSLock` (a pthread mutex) rather
    /// than `Mutex`: the thread sanitizer does not see the futex hand-off of `Mutex`'s contended
    /// path, and four sessions counting hits at once made it report this map as racing.
    private let ruleHitsLock = NSLock()
    private nonisolated(unsafe) var ruleHits: [String: Counter] = [:]
    /// When the snapshot in force was built or last found current; nil before the first build.
    private let confirmed = Mutex<ContinuousClock.Instant?>(nil)

    /// Creates every metric through `factory` (the bootstrapped one by default).
    public init(factory: any MetricsFactory = MetricsSystem.factory, version: String = OptOutMilterVersion.current) {
        self.factory = factory
        self.unsubscribe = UnsubscribeMetrics(factory: factory)
        var messages: [MessageVerdict: Counter] = [:]
        for verdict in MessageVerdict.allCases {
            let scope = verdict == .outOfScope ? "out_of_scope" : "in_scope"
            messages[verdict] = Counter(
                label: "optout_messages_total",
                dimensions: [("verdict", verdict.rawValue), ("scope", scope)],
                factory: factory
            )
        }
        self.messages = messages
        var recipients: [String: Counter] = [:]
        for outcome in Self.outcomes {
            for action in Self.actions {
                recipients["\(outcome.rawValue)|\(action)"] = Counter(
                    label: "optout_recipients_total",
                    dimensions: [("outcome", outcome.rawValue), ("action", action)],
                    factory: factory
                )
            }
        }
        self.recipients = recipients
        self.mislabelled = Counter(label: "optout_mislabelled_messages_total", factory: factory)
        self.score = Recorder(label: "optout_classifier_score", aggregate: true, factory: factory)
        self.processing = CoreMetrics.Timer(label: "optout_message_processing_seconds", factory: factory)
        self.suppressionEntries = Gauge(label: "optout_suppression_entries", factory: factory)
        self.snapshotAge = Gauge(label: "optout_snapshot_age_seconds", factory: factory)
        self.lastReload = Gauge(label: "optout_last_reload_timestamp_seconds", factory: factory)
        self.lastReloadSuccess = Gauge(label: "optout_last_reload_success", factory: factory)
        self.reloadsSucceeded = Counter(
            label: "optout_reloads_total",
            dimensions: [("result", "success")],
            factory: factory
        )
        self.reloadsFailed = Counter(
            label: "optout_reloads_total",
            dimensions: [("result", "failure")],
            factory: factory
        )
        self.auditWriteErrors = Counter(label: "optout_audit_write_errors_total", factory: factory)
        self.connections = Meter(label: "optout_connections_in_flight", factory: factory)
        var internalErrors: [ErrorKind: Counter] = [:]
        for kind in ErrorKind.allCases {
            internalErrors[kind] = Counter(
                label: "optout_internal_errors_total",
                dimensions: [("kind", kind.rawValue)],
                factory: factory
            )
        }
        self.internalErrors = internalErrors
        self.buildInfo = Gauge(label: "optout_build_info", dimensions: [("version", version)], factory: factory)
        self.buildInfo.record(1)
        // Present from the start, so that a dashboard sees 0 rather than no series.
        self.connections.set(0)
    }

    // MARK: - The mail path (libmilter's threads)

    /// A connection opened (a session was created).
    public func connectionOpened() { self.connections.increment() }

    /// A connection closed.
    public func connectionClosed() { self.connections.decrement() }

    /// A message accepted before classification: at MAIL (not outbound) or at end of headers.
    public func messageAccepted(_ verdict: MessageVerdict) {
        self.messages[verdict]?.increment()
    }

    /// A message judged at end of message.
    ///
    /// - Parameters:
    ///   - failed: the message ended in `on_internal_error` (the decision said so, or the audit
    ///     record could not be written).
    ///   - recipientCount: the recipients given at RCPT, counted as delivered with no action when
    ///     the decision carries no audit record.
    public func messageJudged(
        verdict: Verdict,
        decision: Decision,
        recipientCount: Int,
        failed: Bool,
        duration: Duration
    ) {
        self.processing.recordNanoseconds(Self.nanoseconds(duration))
        self.score.record(verdict.score)
        if !verdict.hits.isEmpty {
            self.countRuleHits(verdict.hits)
        }
        if failed {
            self.messages[.error]?.increment()
            if case .internalError = decision.disposition {
                self.internalErrors[.decision]?.increment()
            } else {
                self.internalErrors[.auditWrite]?.increment()
                self.auditWriteErrors.increment()
            }
            return
        }
        self.messages[verdict.isMarketing ? .marketing : .notMarketing]?.increment()
        if decision.mislabelled {
            self.mislabelled.increment()
        }
        self.unsubscribe.headers(decision.unsubscribe)
        let action = Self.actionLabel(decision.action)
        if let record = decision.audit {
            for recipient in record.recipients {
                self.recipients["\(recipient.outcome.rawValue)|\(action)"]?.increment()
            }
        } else if recipientCount > 0 {
            self.recipients["\(Decision.Outcome.delivered.rawValue)|\(action)"]?.increment(by: recipientCount)
        }
    }

    private func countRuleHits(_ hits: [Verdict.Hit]) {
        let counters = self.ruleHitsLock.withLock { () -> [Counter] in
            hits.map { hit in
                if let counter = self.ruleHits[hit.ruleID] {
                    return counter
                }
                let counter = Counter(
                    label: "optout_rule_hits_total",
                    dimensions: [("rule", hit.ruleID)],
                    factory: self.factory
                )
                self.ruleHits[hit.ruleID] = counter
                return counter
            }
        }
        for counter in counters {
            counter.increment()
        }
    }

    // MARK: - Reloads (the reload thread, the watcher)

    /// A reload attempt ended; `entries` is the suppression list's size when it succeeded.
    public func reloaded(succeeded: Bool, entries: Int?) {
        self.lastReload.record(Date().timeIntervalSince1970)
        self.lastReloadSuccess.record(succeeded ? 1 : 0)
        if succeeded {
            self.reloadsSucceeded.increment()
            if let entries {
                self.suppressionEntries.record(entries)
            }
            self.snapshotConfirmed()
        } else {
            self.reloadsFailed.increment()
        }
    }

    /// The change check found the snapshot in force still current.
    public func snapshotConfirmed() {
        self.confirmed.withLock { $0 = .now }
        self.snapshotAge.record(0)
    }

    /// Seconds since the snapshot was built or last confirmed current (nil before the first build);
    /// also sets `optout_snapshot_age_seconds`, so call it before each scrape.
    @discardableResult
    public func updateSnapshotAge() -> Double? {
        guard let confirmed = self.confirmed.withLock({ $0 }) else { return nil }
        let age = Self.seconds(ContinuousClock.now - confirmed)
        self.snapshotAge.record(age)
        return age
    }

    static func actionLabel(_ action: PolicyAction?) -> String {
        switch action {
        case nil: "none"
        case .removeRecipient: "remove_recipient"
        case .reject: "reject"
        case .quarantine: "quarantine"
        case .redirect: "redirect"
        case .tag: "tag"
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
