import Foundation
import MarketingClassifier
import Milter
import Policy
import Prometheus
import Testing

@testable import OptOutMilter

/// Drives real sessions and reloads into a real Prometheus registry and reads the exposition.
@Suite struct PolicyMetricsTests {
    /// A holder whose metrics go to a registry of their own (no process-wide bootstrap).
    func holder(_ fixture: PolicyFixture) throws -> (SnapshotHolder, PrometheusCollectorRegistry) {
        let registry = PrometheusCollectorRegistry()
        let metrics = PolicyMetrics(factory: PrometheusMetricsFactory(registry: registry), version: "9.9.9-test")
        return (try fixture.holder(metrics: metrics), registry)
    }

    func session(_ holder: SnapshotHolder, client: String = "127.0.0.1") throws -> OptOutSession {
        var session = OptOutSession(holder: holder, logger: PolicyFixture.quiet)
        _ = try session.connect(client: MilterClient(hostname: "c", address: client, port: 1), macros: MilterMacros())
        return session
    }

    @Test func sessionsCountMessagesRecipientsErrorsAndConnections() throws {
        let fixture = try PolicyFixture()
        try fixture.suppress("jane@example.com")
        let (holder, registry) = try self.holder(fixture)
        var inside = try self.session(holder)
        var outside = try self.session(holder, client: "203.0.113.9")
        #expect(Exposition(registry).value("optout_connections_in_flight") == 2)

        _ = try inside.deliver(Messages.newsletter, to: ["<jane@example.com>", "<joe@example.com>"])
        _ = try inside.deliver(Messages.shippingNotice, from: "<orders@shop.example>", to: ["<jane@example.com>"])
        _ = try outside.deliver(Messages.newsletter, to: ["<jane@example.com>"])
        #expect(throws: OptOutSession.InternalError.self) {
            _ = try inside.deliver(Messages.newsletter, to: ["<not an address>", "<joe@example.com>"])
        }
        inside.close()
        outside.close()

        let metrics = Exposition(registry)
        #expect(metrics.value(#"optout_messages_total{verdict="marketing",scope="in_scope"}"#) == 1)
        #expect(metrics.value(#"optout_messages_total{verdict="not_marketing",scope="in_scope"}"#) == 1)
        #expect(metrics.value(#"optout_messages_total{verdict="out_of_scope",scope="out_of_scope"}"#) == 1)
        #expect(metrics.value(#"optout_messages_total{verdict="error",scope="in_scope"}"#) == 1)
        #expect(metrics.value(#"optout_messages_total{verdict="not_scanned",scope="in_scope"}"#) == 0)
        #expect(metrics.value(#"optout_recipients_total{outcome="removed",action="remove_recipient"}"#) == 1)
        #expect(metrics.value(#"optout_recipients_total{outcome="delivered",action="remove_recipient"}"#) == 1)
        #expect(metrics.value(#"optout_recipients_total{outcome="delivered",action="none"}"#) == 1)
        #expect(metrics.value(#"optout_internal_errors_total{kind="decision"}"#) == 1)
        #expect(metrics.value(#"optout_internal_errors_total{kind="audit_write"}"#) == 0)
        #expect(metrics.value("optout_mislabelled_messages_total") == 0)
        #expect(metrics.value("optout_classifier_score_count") == 3)
        #expect(metrics.value("optout_message_processing_seconds_count") == 3)
        #expect(metrics.value("optout_connections_in_flight") == 0)
        #expect(metrics.value(#"optout_build_info{version="9.9.9-test"}"#) == 1)
        let ruleHits = metrics.series(named: "optout_rule_hits_total")
        #expect(!ruleHits.isEmpty)
        #expect(ruleHits.allSatisfy { $0.value >= 1 && $0.labels.hasPrefix(#"{rule=""#) })
        // Bounded labels: no address, sender or queue id anywhere in the exposition.
        for forbidden in ["jane", "joe", "shop.example", "QID1"] {
            #expect(!metrics.text.contains(forbidden))
        }
    }

    @Test func whenSuppressedCountsMessagesAcceptedAtEndOfHeaders() throws {
        let fixture = try PolicyFixture(extraConfiguration: "scan: when-suppressed")
        let (holder, registry) = try self.holder(fixture)
        var session = try self.session(holder)
        _ = try session.deliver(Messages.newsletter, to: ["<joe@example.com>"])
        #expect(Exposition(registry).value(#"optout_messages_total{verdict="not_scanned",scope="in_scope"}"#) == 1)
        #expect(Exposition(registry).value("optout_classifier_score_count") == 0)
    }

    @Test func reloadsSetResultTimeEntriesAndAge() throws {
        let fixture = try PolicyFixture()
        let (holder, registry) = try self.holder(fixture)
        var metrics = Exposition(registry)
        #expect(metrics.value(#"optout_reloads_total{result="success"}"#) == 1)
        #expect(metrics.value("optout_suppression_entries") == 0)
        #expect(metrics.value("optout_last_reload_success") == 1)
        #expect(try #require(holder.metrics.updateSnapshotAge()) < 60)

        try fixture.suppress("jane@example.com", "joe@example.com")
        #expect(holder.reload())
        metrics = Exposition(registry)
        #expect(metrics.value(#"optout_reloads_total{result="success"}"#) == 2)
        #expect(metrics.value("optout_suppression_entries") == 2)

        try fixture.writeConfiguration("mode: not-a-mode")
        #expect(!holder.reload())
        metrics = Exposition(registry)
        #expect(metrics.value(#"optout_reloads_total{result="failure"}"#) == 1)
        #expect(metrics.value("optout_last_reload_success") == 0)
        let reloadedAt = try #require(metrics.value("optout_last_reload_timestamp_seconds"))
        #expect(abs(reloadedAt - Date().timeIntervalSince1970) < 600)
    }

    @Test func anAuditWriteFailureIsCountedAsSuch() throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = PolicyMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let snapshot = PolicySnapshot()
        let verdict = MarketingClassifierVerdict.marketing
        let decision = snapshot.policy.decide(.init(sender: "a@b.example", recipients: [], verdict: verdict))
        metrics.messageJudged(verdict: verdict, decision: decision, recipientCount: 0, failed: true, duration: .zero)
        let exposition = Exposition(registry)
        #expect(exposition.value("optout_audit_write_errors_total") == 1)
        #expect(exposition.value(#"optout_internal_errors_total{kind="audit_write"}"#) == 1)
    }
}
