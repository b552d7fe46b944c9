import Foundation
import MarketingClassifier
import Milter
import Policy
import Suppression
import Testing

@testable import OptOutMilter

@Suite struct OptOutSessionTests {
    func session(_ fixture: PolicyFixture, client: String = "127.0.0.1") throws -> OptOutSession {
        var session = OptOutSession(holder: try fixture.holder(), logger: PolicyFixture.quiet)
        _ = try session.connect(
            client: MilterClient(hostname: "client", address: client, port: 1),
            macros: MilterMacros()
        )
        return session
    }

    @Test func marketingToASuppressedAndAnotherRecipientReachesOnlyTheOther() throws {
        let fixture = try PolicyFixture()
        try fixture.suppress("jane@example.com")
        var session = try self.session(fixture)
        let result = try session.deliver(Messages.newsletter, to: ["<Jane@Example.com>", "<joe@example.com>"])
        #expect(result.verdict == .accept)
        #expect(result.edits.contains(.deleteRecipient("<Jane@Example.com>")))
        #expect(!result.edits.contains(.deleteRecipient("<joe@example.com>")))
        let header = try #require(
            result.edits.compactMap { edit -> String? in
                if case .addHeader("X-OptOut-Policy", let value) = edit { return value }
                return nil
            }.first
        )
        #expect(header.hasPrefix("marketing; score="))
        #expect(header.hasSuffix("action=remove-recipient"))
        let records = try fixture.auditRecords()
        #expect(records.count == 1)
        #expect(records.first?["queue_id"] as? String == "QID1")
        #expect(records.first?["message_id"] as? String == "<n1@shop.example>")
        let outcomes = (records.first?["recipients"] as? [[String: Any]])?.map { $0["outcome"] as? String }
        #expect(outcomes == ["removed", "delivered"])
    }

    @Test func serviceMailToASuppressedRecipientIsDelivered() throws {
        let fixture = try PolicyFixture()
        try fixture.suppress("jane@example.com")
        var session = try self.session(fixture)
        let result = try session.deliver(
            Messages.shippingNotice,
            from: "<orders@shop.example>",
            to: ["<jane@example.com>"]
        )
        #expect(result.verdict == .accept)
        #expect(!result.edits.contains(.deleteRecipient("<jane@example.com>")))
        #expect(try fixture.auditRecords().first?["verdict"] as? String == "not-marketing")
    }

    @Test func outOfScopeMailIsAcceptedAtMailWithoutLooking() throws {
        let fixture = try PolicyFixture()
        var session = try self.session(fixture, client: "203.0.113.9")
        let result = try session.deliver(Messages.newsletter, to: ["<jane@example.com>"])
        #expect(result == MilterMessageResult(verdict: .accept))
        #expect(try fixture.auditRecords().isEmpty)
    }

    @Test func authenticatedOrOriginatingMailIsInScopeFromAnyAddress() throws {
        let fixture = try PolicyFixture()
        try fixture.suppress("jane@example.com")
        var authenticated = try self.session(fixture, client: "203.0.113.9")
        let viaAuth = try authenticated.deliver(
            Messages.newsletter,
            to: ["<jane@example.com>"],
            macros: ["i": "Q2", "{auth_authen}": "marketing-app"]
        )
        var originating = try self.session(fixture, client: "203.0.113.9")
        let viaDaemon = try originating.deliver(
            Messages.newsletter,
            to: ["<jane@example.com>"],
            macros: ["i": "Q3", "{daemon_name}": "ORIGINATING"]
        )
        #expect(
            viaAuth.verdict
                == .reject(
                    MilterReply(code: "550", extendedCode: "5.7.1", text: "Recipient has opted out of marketing mail")
                )
        )
        #expect(viaDaemon.verdict == viaAuth.verdict)
    }

    @Test func whenSuppressedModeAcceptsAtEndOfHeadersWithoutSuppressedRecipients() throws {
        let fixture = try PolicyFixture(extraConfiguration: "scan: when-suppressed")
        try fixture.suppress("jane@example.com")
        var session = try self.session(fixture)
        #expect(session.requirements.replyingStages.contains(.endOfHeaders))
        let clean = try session.deliver(Messages.newsletter, to: ["<joe@example.com>"])
        #expect(clean == MilterMessageResult(verdict: .accept))
        let suppressed = try session.deliver(Messages.newsletter, to: ["<jane@example.com>", "<joe@example.com>"])
        #expect(suppressed.edits.contains(.deleteRecipient("<jane@example.com>")))
    }

    @Test func anUnparsableRecipientOfMarketingFailsClosed() throws {
        let fixture = try PolicyFixture()
        var session = try self.session(fixture)
        #expect(throws: OptOutSession.InternalError.self) {
            _ = try session.deliver(Messages.newsletter, to: ["<not an address>", "<joe@example.com>"])
        }
    }

    @Test func anAuditFileThatCannotBeWrittenFailsTheMessage() throws {
        let fixture = try PolicyFixture()
        let holder = try fixture.holder()
        // The descriptor now points at a directory's path that was replaced: reopening it fails,
        // and a write to a descriptor opened read-only would too. Simplest real failure: /dev/full.
        let audit = try AuditLog(path: "/dev/full", recipients: .plain)
        var snapshot = holder.current
        snapshot.audit = audit
        let decision = snapshot.policy.decide(
            .init(sender: "a@b.example", recipients: [], verdict: .init(score: 9, threshold: 5, hits: []))
        )
        #expect(throws: AuditLog.Failure.self) {
            _ = try OptOutSession.result(of: decision, audit: audit, queueID: "Q", logger: PolicyFixture.quiet)
        }
    }

    @Test func declaredHeaderIsRemovedAndReadAsRawBytes() throws {
        let fixture = try PolicyFixture()
        var session = try self.session(fixture)
        let message = Messages.shippingNotice.replacingOccurrences(
            of: "Subject:",
            with: "X-Message-Category: service\nSubject:"
        )
        let result = try session.deliver(message, from: "<orders@shop.example>", to: ["<joe@example.com>"])
        #expect(result.edits.contains(.changeHeader(name: "X-Message-Category", index: 1, value: nil)))
    }

    @Test func theMessageUsesTheSnapshotTakenAtMail() throws {
        let fixture = try PolicyFixture()
        let holder = try fixture.holder()
        var session = OptOutSession(holder: holder, logger: PolicyFixture.quiet)
        _ = try session.connect(
            client: MilterClient(hostname: "c", address: "127.0.0.1", port: 1),
            macros: MilterMacros()
        )
        _ = try session.mailFrom("<news@shop.example>", parameters: [], macros: MilterMacros())
        _ = try session.recipient("<jane@example.com>", parameters: [], macros: MilterMacros())
        try fixture.suppress("jane@example.com")
        #expect(holder.reloadIfChanged() == true)
        // The message under way keeps its snapshot; the next one sees the new entry.
        #expect(
            try session.endOfMessage(macros: MilterMacros()).edits.allSatisfy {
                $0 != .deleteRecipient("<jane@example.com>")
            }
        )
        let next = try session.deliver(Messages.newsletter, to: ["<jane@example.com>", "<joe@example.com>"])
        #expect(next.edits.contains(.deleteRecipient("<jane@example.com>")))
    }
}
