import Foundation
import Policy
import Suppression
import Testing
import Unsubscribe

/// One-click unsubscribe on the decision table: which marketing leaves with a link, and what the
/// link carries.
@Suite struct UnsubscribeHeadersTests {
    let links = UnsubscribeLinks(
        baseURL: "https://u.example.com/u/",
        mailto: nil,
        keys: [UnsubscribeKey.generate()],
        scope: "marketing",
        lifetime: .seconds(86_400)
    )

    func policy(_ mode: UnsubscribeHeaderMode = .addIfMissing, settings: PolicySettings = PolicySettings()) -> Policy {
        Policy(
            settings: settings,
            unsubscribe: UnsubscribeHeaders(links: self.links, mode: mode, normalizer: .standard)
        )
    }

    func added(_ decision: Decision) -> [String: String] {
        var headers: [String: String] = [:]
        for case .addHeader(let name, let value) in decision.edits where name.hasPrefix("List-") {
            headers[name] = value
        }
        return headers
    }

    @Test func marketingToOneRecipientCarriesATokenForItsCanonicalAddress() throws {
        var input = Row.input(9.5, [Row.clean("Jane.Doe@Example.COM")])
        let decision = self.policy().decide(input)
        let headers = self.added(decision)
        #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        let value = try #require(headers["List-Unsubscribe"])
        #expect(value.hasPrefix("<https://u.example.com/u/") && value.hasSuffix(">"))
        let token = try self.links.open(UnsubscribeLinks.tokenText(inLink: value), now: input.time)
        #expect(token.address == "jane.doe@example.com")
        #expect(token.scope == "marketing")
        #expect(token.issuedAt == Date(timeIntervalSince1970: input.time.timeIntervalSince1970.rounded(.down)))
        #expect(decision.unsubscribe == .added)
        #expect(decision.audit?.unsubscribe == "added")
        #expect(decision.audit?.jsonLine.contains("\"unsubscribe\":\"added\"") == true)

        // A suppressed recipient removed leaves one delivered recipient: that one gets the link.
        input = Row.input(9.5, [Row.suppressed("gone@x.example"), Row.clean("kept@x.example")])
        let removed = self.policy().decide(input)
        let kept = try #require(self.added(removed)["List-Unsubscribe"])
        #expect(
            try self.links.open(UnsubscribeLinks.tokenText(inLink: kept), now: input.time).address == "kept@x.example"
        )
    }

    @Test func severalRecipientsGetNoLinkAndSayWhy() {
        let decision = self.policy().decide(Row.input(9.5, [Row.clean("a@x.example"), Row.clean("b@x.example")]))
        #expect(self.added(decision).isEmpty)
        #expect(decision.unsubscribe == .skipped(.severalRecipients))
        #expect(decision.audit?.unsubscribe == "several-recipients")
    }

    @Test func serviceMailAndRejectedMailGetNothing() {
        let service = self.policy().decide(Row.input(1.0, [Row.clean("a@x.example")]))
        #expect(self.added(service).isEmpty)
        #expect(service.unsubscribe == nil)
        let rejected = self.policy().decide(Row.input(9.5, [Row.suppressed("a@x.example")]))
        #expect(!rejected.isAccept)
        #expect(rejected.unsubscribe == nil)
    }

    @Test func heldOrRedirectedMailIsNotDelivered() {
        var settings = PolicySettings()
        settings.actions.allSuppressed = .quarantine
        let held = self.policy(settings: settings).decide(Row.input(9.5, [Row.suppressed("a@x.example")]))
        #expect(held.unsubscribe == .skipped(.notDelivered))
        #expect(self.added(held).isEmpty)
    }

    @Test func theSendersOwnHeaderIsKeptOrReplacedAsConfigured() {
        var input = Row.input(9.5, [Row.clean("a@x.example")])
        input.listUnsubscribeCount = 2
        input.listUnsubscribePostCount = 1
        let kept = self.policy(.addIfMissing).decide(input)
        #expect(kept.unsubscribe == .skipped(.present))
        #expect(
            !kept.edits.contains { if case .deleteHeader(let name, _) = $0 { name.hasPrefix("List-") } else { false } }
        )
        #expect(self.added(kept).isEmpty)

        let replaced = self.policy(.replace).decide(input)
        #expect(replaced.unsubscribe == .added)
        let deletions = replaced.edits.compactMap { edit -> String? in
            if case .deleteHeader(let name, let index) = edit { return "\(name)#\(index)" }
            return nil
        }
        #expect(deletions == ["List-Unsubscribe#2", "List-Unsubscribe#1", "List-Unsubscribe-Post#1"])
        #expect(self.added(replaced).count == 2)
    }

    @Test func monitorModeStillLinksTheOneRecipient() {
        var settings = PolicySettings()
        settings.mode = .monitor
        let decision = self.policy(settings: settings).decide(Row.input(9.5, [Row.suppressed("a@x.example")]))
        #expect(decision.unsubscribe == .added)
    }

    @Test func withoutUnsubscribeConfiguredNothingChanges() {
        let decision = Policy().decide(Row.input(9.5, [Row.clean("a@x.example")]))
        #expect(decision.unsubscribe == nil)
        #expect(decision.audit?.unsubscribe == nil)
        #expect(decision.audit?.jsonLine.contains("unsubscribe") == false)
    }
}
