import Foundation
import Policy
import Testing

@Suite struct PolicyDecisionTableTests {
    let policy = Policy()

    @Test func notMarketingIsDeliveredAndNotAuditedWithoutSuppressedRecipients() {
        let decision = self.policy.decide(Row.input(1.0, [Row.clean("a@x.example")]))
        #expect(decision.isAccept)
        #expect(decision.action == nil)
        #expect(decision.audit == nil)
        #expect(decision.headerValue == "not-marketing; score=1.0")
        #expect(decision.edits == [.addHeader(name: "X-OptOut-Policy", value: "not-marketing; score=1.0")])
    }

    @Test func serviceMailToSuppressedRecipientIsDeliveredAndAudited() {
        let decision = self.policy.decide(Row.input(0.5, [Row.suppressed("a@x.example")]))
        #expect(decision.isAccept)
        #expect(decision.action == nil)
        #expect(!decision.edits.contains(.deleteRecipient("<a@x.example>")))
        #expect(decision.audit?.verdict == "not-marketing")
        #expect(decision.recipientOutcomes == [.delivered])
        #expect(decision.audit?.recipients.first?.suppressed == true)
    }

    @Test func marketingWithoutSuppressedRecipientsIsTaggedAndAudited() {
        let decision = self.policy.decide(Row.input(9.5, [Row.clean("a@x.example")]))
        #expect(decision.isAccept)
        #expect(decision.action == nil)
        #expect(decision.headerValue == "marketing; score=9.5; rules=LIST_UNSUBSCRIBE,UTM_LINKS; action=none")
        #expect(decision.audit?.action == "none")
    }

    @Test func suppressedRecipientIsRemovedOthersReceive() {
        let decision = self.policy.decide(Row.input(9.5, [Row.suppressed("a@x.example"), Row.clean("b@x.example")]))
        #expect(decision.isAccept)
        #expect(decision.action == .removeRecipient)
        #expect(decision.edits.contains(.deleteRecipient("<a@x.example>")))
        #expect(!decision.edits.contains(.deleteRecipient("<b@x.example>")))
        #expect(decision.recipientOutcomes == [.removed, .delivered])
        #expect(decision.headerValue.hasSuffix("action=remove-recipient"))
        #expect(!decision.headerValue.contains("a@x.example"))
        #expect(decision.audit?.recipients.map(\.address) == ["a@x.example", "b@x.example"])
        #expect(decision.audit?.recipients.first?.entry == 7)
    }

    @Test func everyRecipientSuppressedRejects() {
        let decision = self.policy.decide(
            Row.input(9.5, [Row.suppressed("a@x.example"), Row.suppressed("b@x.example")])
        )
        #expect(
            decision.disposition
                == .reject(code: "550", extendedCode: "5.7.1", text: "Recipient has opted out of marketing mail")
        )
        #expect(decision.action == .reject)
        #expect(decision.recipientOutcomes == [.rejected, .rejected])
        #expect(decision.edits.isEmpty)
    }

    @Test func removeRecipientNeverRemovesEveryRecipient() {
        var settings = PolicySettings()
        settings.actions.allSuppressed = .removeRecipient
        let decision = Policy(settings: settings).decide(Row.input(9.5, [Row.suppressed("a@x.example")]))
        #expect(decision.action == .reject)
        #expect(!decision.edits.contains(.deleteRecipient("<a@x.example>")))
    }

    @Test(arguments: [
        (PolicyAction.quarantine, [Decision.Outcome.held, .held]),
        (.redirect("compliance@corp.example"), [.redirected, .redirected]),
        (.tag, [.delivered, .delivered]),
        (.reject, [.rejected, .rejected]),
    ])
    func configuredSuppressedAction(action: PolicyAction, outcomes: [Decision.Outcome]) {
        var settings = PolicySettings()
        settings.actions.suppressed = action
        let decision = Policy(settings: settings)
            .decide(Row.input(9.5, [Row.suppressed("a@x.example"), Row.clean("b@x.example")]))
        #expect(decision.action == action)
        #expect(decision.recipientOutcomes == outcomes)
        switch action {
        case .quarantine:
            #expect(decision.edits.contains(.quarantine(reason: "optout-milter: marketing to 1 opted-out recipient")))
        case .redirect(let address):
            #expect(decision.edits.contains(.deleteRecipient("<a@x.example>")))
            #expect(decision.edits.contains(.deleteRecipient("<b@x.example>")))
            #expect(decision.edits.last == .addRecipient(address))
            #expect(decision.audit?.redirectTo == address)
        case .tag:
            #expect(decision.edits.count == 1)
        default:
            break
        }
    }

    @Test func mislabelledServiceMailIsQuarantinedNamingMislabelled() {
        let decision = self.policy.decide(
            Row.input(9.0, [Row.suppressed("a@x.example"), Row.clean("b@x.example")], declared: "Service")
        )
        #expect(decision.mislabelled)
        #expect(decision.action == .quarantine)
        guard
            case .quarantine(let reason) = decision.edits.first(where: {
                if case .quarantine = $0 { true } else { false }
            })
        else {
            Issue.record("no quarantine edit: \(decision.edits)")
            return
        }
        #expect(reason.contains("mislabelled"))
        #expect(decision.audit?.mislabelled == true)
        #expect(decision.audit?.declaredCategory == "service")
        #expect(decision.headerValue.contains("; mislabelled"))
    }

    @Test func serviceSenderDeclaresServiceByEnvelopeOrFrom() {
        var settings = PolicySettings()
        settings.declared.serviceSenders = ["@statements.bank.example", "receipts@card.example"]
        let policy = Policy(settings: settings)
        let byDomain = policy.decide(
            Row.input(9.0, [Row.suppressed("a@x.example")], sender: "noreply@statements.bank.example")
        )
        let byFrom = policy.decide(Row.input(9.0, [Row.suppressed("a@x.example")], from: ["Receipts@Card.example"]))
        let neither = policy.decide(Row.input(9.0, [Row.suppressed("a@x.example")], sender: "x@bank.example"))
        #expect(byDomain.mislabelled && byDomain.action == .quarantine)
        #expect(byFrom.mislabelled)
        #expect(!neither.mislabelled && neither.action == .reject)
    }

    @Test func mislabelledWithRemoveRecipientDeliversToTheOthers() {
        var settings = PolicySettings()
        settings.actions.mislabelled = .removeRecipient
        let decision = Policy(settings: settings).decide(
            Row.input(9.0, [Row.suppressed("a@x.example"), Row.clean("b@x.example")], declared: "transactional")
        )
        #expect(decision.mislabelled)
        #expect(decision.recipientOutcomes == [.removed, .delivered])
    }

    @Test func declaredServiceWithoutSuppressedRecipientIsNotMislabelled() {
        let decision = self.policy.decide(Row.input(9.0, [Row.clean("b@x.example")], declared: "service"))
        #expect(!decision.mislabelled)
        #expect(decision.audit?.declaredService == true)
    }

    @Test(arguments: [4.2, 5.0, 5.9])
    func uncertainScoresOnlyTag(score: Double) {
        let decision = self.policy.decide(Row.input(score, [Row.suppressed("a@x.example")], declared: "service"))
        #expect(decision.uncertain)
        if score >= 5.0 {
            #expect(decision.action == .tag)
            #expect(decision.isAccept)
            #expect(decision.recipientOutcomes == [.delivered])
        } else {
            #expect(decision.action == nil)
        }
    }

    @Test func monitorModeChangesNothingButTheHeader() {
        let settings = PolicySettings(mode: .monitor)
        let decision = Policy(settings: settings)
            .decide(Row.input(9.5, [Row.suppressed("a@x.example"), Row.suppressed("b@x.example")]))
        #expect(decision.isAccept)
        #expect(decision.action == .reject)
        #expect(decision.edits == [.addHeader(name: "X-OptOut-Policy", value: decision.headerValue)])
        #expect(decision.headerValue.hasSuffix("action=reject; mode=monitor"))
        #expect(decision.audit?.mode == "monitor")
        #expect(decision.audit?.action == "reject")
        #expect(decision.recipientOutcomes == [.delivered, .delivered])
    }

    @Test func failedLookupOfMarketingIsAnInternalError() {
        let decision = self.policy.decide(Row.input(9.5, [Row.failed("not an address"), Row.clean("b@x.example")]))
        guard case .internalError(let why) = decision.disposition else {
            Issue.record("expected an internal error, got \(decision.disposition)")
            return
        }
        #expect(why.contains("not an address"))
    }

    @Test func failedLookupOfServiceMailIsDelivered() {
        let decision = self.policy.decide(Row.input(0.0, [Row.failed("postmaster")]))
        #expect(decision.isAccept)
    }

    @Test func incompleteScanWithSuppressedRecipientFailsClosed() {
        let incomplete = self.policy.decide(Row.input(1.0, [Row.suppressed("a@x.example")], scanIncomplete: true))
        let complete = self.policy.decide(Row.input(1.0, [Row.suppressed("a@x.example")]))
        let nobodySuppressed = self.policy.decide(Row.input(1.0, [Row.clean("a@x.example")], scanIncomplete: true))
        #expect(!incomplete.isAccept)
        #expect(complete.isAccept)
        #expect(nobodySuppressed.isAccept)
    }

    @Test func declaredHeaderIsRemovedFromLastToFirst() {
        var input = Row.input(1.0, [Row.clean("a@x.example")], declared: "service")
        input.declaredHeaderCount = 2
        let decision = self.policy.decide(input)
        #expect(
            Array(decision.edits.dropFirst()) == [
                .deleteHeader(name: "X-Message-Category", index: 2),
                .deleteHeader(name: "X-Message-Category", index: 1),
            ]
        )
        var keep = PolicySettings()
        keep.declared.removeHeader = false
        #expect(Policy(settings: keep).decide(input).edits.count == 1)
    }

    @Test func noHeaderWhenHeaderNameIsEmpty() {
        let settings = PolicySettings(headerName: nil)
        let decision = Policy(settings: settings).decide(Row.input(9.5, [Row.clean("a@x.example")]))
        #expect(decision.edits.isEmpty)
        #expect(!decision.headerValue.isEmpty)
    }

    @Test func auditRecordEncodesAsOneJSONLineWithSnakeCaseKeys() throws {
        let decision = self.policy.decide(Row.input(9.5, [Row.suppressed("a@x.example"), Row.clean("b@x.example")]))
        let record = try #require(decision.audit)
        let data = try JSONEncoder().encode(record)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["queue_id"] as? String == "4AbC")
        #expect(object["message_id"] as? String == "<m1@shop.example>")
        #expect(object["time"] as? String == "2025-12-02T00:00:00.250Z")
        #expect(object["generation"] as? Int == 3)
        #expect(object["mode"] as? String == "enforce")
        #expect((object["rules"] as? [String])?.count == 2)
    }
}
