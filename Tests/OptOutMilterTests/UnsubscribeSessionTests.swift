import Foundation
import Milter
import Prometheus
import Testing
import Unsubscribe

@testable import OptOutMilter

/// One-click unsubscribe through the milter session: what libmilter is told to add, the audit
/// record, the metrics; and the service writing an opt-out that the next message obeys.
@Suite struct UnsubscribeSessionTests {
    let fixture: PolicyFixture
    let registry = PrometheusCollectorRegistry()
    let holder: SnapshotHolder

    init() throws {
        let fixture = try PolicyFixture()
        let key = fixture.directory.appendingPathComponent("unsubscribe.key").path
        try UnsubscribeKey.generate().write(path: key)
        try fixture.writeConfiguration(
            """
            unsubscribe:
              url: https://u.example.com/u/
              keys: [\(key)]
              headers: replace
            """
        )
        self.fixture = fixture
        let metrics = PolicyMetrics(factory: PrometheusMetricsFactory(registry: self.registry), version: "t")
        self.holder = try fixture.holder(metrics: metrics)
    }

    func session() throws -> OptOutSession {
        var session = OptOutSession(holder: self.holder, logger: PolicyFixture.quiet)
        _ = try session.connect(
            client: MilterClient(hostname: "c", address: "127.0.0.1", port: 1),
            macros: MilterMacros()
        )
        return session
    }

    static func added(_ result: MilterMessageResult) -> [String: String] {
        var headers: [String: String] = [:]
        for case .addHeader(let name, let value) in result.edits where name.hasPrefix("List-") {
            headers[name] = value
        }
        return headers
    }

    @Test func theLinkInTheHeaderUnsubscribesAndTheNextMessageObeys() throws {
        var session = try self.session()
        let first = try session.deliver(Messages.newsletter, to: ["<Jane@Example.com>"])
        let headers = Self.added(first)
        #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        // The sender's own List-Unsubscribe (the newsletter has one) is replaced.
        #expect(first.edits.contains(.changeHeader(name: "List-Unsubscribe", index: 1, value: nil)))
        let link = try #require(headers["List-Unsubscribe"])

        let service = UnsubscribeService(holder: self.holder, logger: PolicyFixture.quiet)
        let token = UnsubscribeLinks.tokenText(inLink: link)
        #expect(service.unsubscribe(token) == .unsubscribed(already: false))
        #expect(service.unsubscribe(token) == .unsubscribed(already: true))
        let altered = service.unsubscribe(token.dropLast())
        #expect(altered == .refused(.malformed) || altered == .refused(.forged))
        // What the watcher does when woken: the snapshot now has the opt-out.
        #expect(self.holder.reloadIfChanged() == true)

        let second = try session.deliver(Messages.newsletter, to: ["<jane@example.com>"])
        guard case .reject = second.verdict else {
            Issue.record("marketing to the unsubscribed recipient was not stopped: \(second)")
            return
        }
        let records = try self.fixture.auditRecords()
        #expect(records.first?["unsubscribe"] as? String == "added")
        #expect((records.last?["recipients"] as? [[String: Any]])?.first?["outcome"] as? String == "rejected")

        let metrics = Exposition(self.registry)
        #expect(metrics.value("optout_unsubscribe_headers_added_total") == 1)
        #expect(metrics.value(#"optout_unsubscribes_total{source="one-click",result="added"}"#) == 1)
        #expect(metrics.value(#"optout_unsubscribes_total{source="one-click",result="already"}"#) == 1)
        #expect(metrics.value(#"optout_unsubscribes_total{source="one-click",result="invalid"}"#) == 1)
    }

    @Test func severalRecipientsAreCountedAsSkipped() throws {
        var session = try self.session()
        let result = try session.deliver(Messages.newsletter, to: ["<a@example.com>", "<b@example.com>"])
        #expect(Self.added(result).isEmpty)
        #expect(!result.edits.contains(.changeHeader(name: "List-Unsubscribe", index: 1, value: nil)))
        let metrics = Exposition(self.registry)
        #expect(metrics.value(#"optout_unsubscribe_headers_skipped_total{reason="several-recipients"}"#) == 1)
        #expect(metrics.value("optout_unsubscribe_headers_added_total") == 0)
        #expect(try self.fixture.auditRecords().first?["unsubscribe"] as? String == "several-recipients")
    }
}
