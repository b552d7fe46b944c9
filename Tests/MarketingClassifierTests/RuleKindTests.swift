import MailScanner
import Testing

@testable import MarketingClassifier

/// One test per rule kind: the rule fires on the evidence it describes and stays silent otherwise.
@Suite struct RuleKindTests {
    @Test func headerPresenceAndValue() throws {
        let rules = try TestSupport.rules(
            """
              - {id: has-campaign, description: d, score: 2, kind: header, name: X-Campaign}
              - {id: stream, description: d, score: 3, kind: header, name: x-pm-message-stream, pattern: '^broadcast$'}
              - {id: by-name, description: d, score: 1, kind: header, name_pattern: '^X-Kmail-'}
            """
        )
        let message = ScannedMessage(headers: [
            TestSupport.header("x-campaign", "spring"),
            TestSupport.header("X-PM-Message-Stream", "broadcast"),
            TestSupport.header("X-Kmail-Account", "a1"),
        ])
        #expect(
            TestSupport.classify(rules, message).hits.map(\.ruleID).sorted() == ["by-name", "has-campaign", "stream"]
        )
        let outbound = ScannedMessage(headers: [TestSupport.header("X-PM-Message-Stream", "outbound")])
        #expect(TestSupport.classify(rules, outbound).hits.isEmpty)
    }

    @Test func senderFields() throws {
        let rules = try TestSupport.rules(
            """
              - {id: from-domain, description: d, score: 1, kind: sender, field: from-domain, pattern: '^shop\\.example$'}
              - {id: envelope, description: d, score: 1, kind: sender, field: envelope-from, pattern: '^bounce-'}
              - {id: auth, description: d, score: 1, kind: sender, field: auth-user, pattern: '^campaigns$'}
              - {id: local, description: d, score: 1, kind: sender, field: from-address, pattern: '^offers@'}
            """
        )
        let message = ScannedMessage(from: [.init(displayName: "Shop", address: "news@SHOP.example")])
        let verdict = TestSupport.classify(
            rules,
            message,
            envelope: Envelope(mailFrom: "bounce-42@mta.example", authenticatedUser: "campaigns")
        )
        #expect(verdict.hits.map(\.ruleID).sorted() == ["auth", "envelope", "from-domain"])
        #expect(TestSupport.classify(rules, message).hits.map(\.ruleID) == ["from-domain"])
    }

    @Test func subject() throws {
        let rules = try TestSupport.rules(
            "  - {id: s, description: d, score: 2, kind: subject, pattern: '\\d+\\s?% off'}\n"
        )
        #expect(TestSupport.classify(rules, ScannedMessage(subject: "Today: 30% OFF everything")).hits.count == 1)
        #expect(TestSupport.classify(rules, ScannedMessage(subject: "Your receipt")).hits.isEmpty)
        #expect(TestSupport.classify(rules, ScannedMessage()).hits.isEmpty)
    }

    @Test func visibleAndHiddenText() throws {
        let rules = try TestSupport.rules(
            """
              - {id: visible, description: d, score: 1, kind: text, pattern: 'free shipping'}
              - {id: hidden, description: d, score: 1, kind: text, scope: hidden, pattern: 'preheader offer'}
              - {id: all, description: d, score: 1, kind: text, scope: all, pattern: 'preheader'}
            """
        )
        let verdict = TestSupport.classify(
            rules,
            TestSupport.text("Free Shipping this week", hidden: "preheader offer", kind: .html)
        )
        #expect(verdict.hits.map(\.ruleID).sorted() == ["all", "hidden", "visible"])
        let onlyHidden = TestSupport.classify(rules, TestSupport.text("nothing here", hidden: "free shipping"))
        #expect(onlyHidden.hits.isEmpty)
    }

    @Test func linksByHostPathQueryAndText() throws {
        let rules = try TestSupport.rules(
            """
              - {id: utm, description: d, score: 1, kind: link, parameter: '^utm_medium$', value: '^email$'}
              - {id: campaign, description: d, score: 1, kind: link, parameter: '^utm_campaign$'}
              - {id: tracker, description: d, score: 1, kind: link, host: 'list-manage\\.com$', path: '^/track/click'}
              - {id: button, description: d, score: 1, kind: link, text: '^shop now$'}
            """
        )
        let message = ScannedMessage(links: [
            TestSupport.link(
                "https://shop.example/?utm_medium=email",
                host: "shop.example",
                query: [("utm_medium", "email")],
                text: "Shop now"
            ),
            TestSupport.link(
                "https://x.us5.list-manage.com/track/click?u=1",
                host: "x.us5.list-manage.com",
                path: "/track/click"
            ),
        ])
        #expect(TestSupport.classify(rules, message).hits.map(\.ruleID).sorted() == ["button", "tracker", "utm"])
        let plain = ScannedMessage(links: [
            TestSupport.link(
                "https://docs.example/?utm_medium=social",
                host: "docs.example",
                query: [("utm_medium", "social")]
            )
        ])
        #expect(TestSupport.classify(rules, plain).hits.isEmpty)
    }

    @Test func urlRulesCountMatchingLinksAndNeverMatchAcrossTwoURLs() throws {
        let rules = try TestSupport.rules(
            """
              - {id: tracker, description: d, score: 1, max_hits: 5, kind: link, url: '/track/click'}
              - {id: across, description: d, score: 1, kind: link, url: 'example\\s+https'}
              - {id: start, description: d, score: 1, max_hits: 5, kind: link, url: '^https://t\\.'}
            """
        )
        let message = ScannedMessage(links: [
            TestSupport.link("https://t.example/track/click?a=1", host: "t.example"),
            TestSupport.link("https://shop.example", host: "shop.example"),
            TestSupport.link("https://t.example/track/click?a=2", host: "t.example"),
            TestSupport.link("https://t.example/other", host: "t.example"),
        ])
        let verdict = TestSupport.classify(rules, message)
        #expect(verdict.hits.first { $0.ruleID == "tracker" }?.count == 2)
        #expect(verdict.hits.first { $0.ruleID == "tracker" }?.evidence == "https://t.example/track/click?a=1")
        #expect(verdict.hits.first { $0.ruleID == "start" }?.count == 3)
        #expect(!verdict.hits.contains { $0.ruleID == "across" })
    }

    @Test func imagesPixelsAndCounts() throws {
        let rules = try TestSupport.rules(
            """
              - {id: pixel, description: d, score: 1.5, kind: image, tracking_pixel: true, remote: true}
              - {id: open, description: d, score: 1, kind: image, src: '/wf/open\\?'}
              - {id: images, description: d, score: 1, kind: structure, feature: remote-image-count, min: 3}
            """
        )
        let pixel = ScannedMessage.Image(
            src: "https://t.example/wf/open?upn=1",
            host: "t.example",
            alt: "",
            width: 1,
            height: 1
        )
        let banner = ScannedMessage.Image(
            src: "https://cdn.example/b.png",
            host: "cdn.example",
            alt: "",
            width: 600,
            height: 200
        )
        let inline = ScannedMessage.Image(src: "cid:logo", host: "", alt: "", width: 1, height: 1)
        let verdict = TestSupport.classify(rules, ScannedMessage(images: [pixel, banner, banner]))
        #expect(verdict.hits.map(\.ruleID).sorted() == ["images", "open", "pixel"])
        // An inline (cid:) 1x1 image is a spacer, not a remote tracking pixel.
        #expect(TestSupport.classify(rules, ScannedMessage(images: [inline, banner])).hits.isEmpty)
    }

    @Test func structureFeatures() throws {
        let rules = try TestSupport.rules(
            """
              - {id: html-only, description: d, score: 1, kind: structure, feature: html-only}
              - {id: one-click, description: d, score: 1, kind: structure, feature: list-unsubscribe-post}
              - {id: unsub, description: d, score: 1, kind: structure, feature: list-unsubscribe}
              - {id: bulk, description: d, score: 1, kind: structure, feature: precedence-bulk}
              - {id: fbl, description: d, score: 1, kind: structure, feature: feedback-id}
              - {id: reply, description: d, score: -1, kind: structure, feature: reply}
            """
        )
        var message = ScannedMessage(headers: [
            TestSupport.header("List-Unsubscribe", "<https://u.example/1>"),
            TestSupport.header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            TestSupport.header("Precedence", " Bulk "),
            TestSupport.header("Feedback-ID", "1:2:3"),
        ])
        message.flags.htmlOnly = true
        #expect(TestSupport.classify(rules, message).hits.count == 5)
        let reply = ScannedMessage(headers: [
            TestSupport.header("In-Reply-To", "<a@b>"), TestSupport.header("Precedence", "junk"),
        ])
        #expect(TestSupport.classify(rules, reply).hits.map(\.ruleID) == ["reply"])
    }

    @Test func fakeReplyIsAReplySubjectOutsideAThread() throws {
        let rules = try TestSupport.rules(
            "  - {id: fake, description: d, score: 1.5, kind: structure, feature: fake-reply}\n"
        )
        #expect(TestSupport.classify(rules, ScannedMessage(subject: "RE: your enquiry")).hits.count == 1)
        let threaded = ScannedMessage(headers: [TestSupport.header("References", "<a@b>")], subject: "Re: minutes")
        #expect(TestSupport.classify(rules, threaded).hits.isEmpty)
        #expect(TestSupport.classify(rules, ScannedMessage(subject: "Regarding your order")).hits.isEmpty)
    }

    @Test func declaredCategoryWithConfigurableHeader() throws {
        let yaml = """
            version: 1
            category_header: X-Stream
            rules:
              - {id: declared, description: d, score: 6, kind: category, pattern: '^marketing$'}
            """
        let rules = try CompiledRuleSet.load(yaml: yaml, name: "t.yaml")
        #expect(rules.categoryHeader == "X-Stream")
        let verdict = TestSupport.classify(
            rules,
            ScannedMessage(headers: [TestSupport.header("x-stream", " Marketing ")])
        )
        #expect(verdict.declaredCategory == "marketing")
        #expect(verdict.isMarketing)
        let other = ScannedMessage(headers: [TestSupport.header("X-Message-Category", "marketing")])
        #expect(TestSupport.classify(rules, other).declaredCategory == nil)
    }

    @Test func stagesDecideWhetherTheBodyIsNeeded() throws {
        let headersOnly = try TestSupport.rules(
            """
              - {id: h, description: d, score: 1, kind: header, name: X-Campaign}
              - {id: e, description: d, score: 1, kind: sender, field: envelope-from, pattern: x}
              - {id: s, description: d, score: 1, kind: structure, feature: list-unsubscribe}
            """
        )
        #expect(!headersOnly.needsBody)
        #expect(headersOnly.lastStage == .headers)
        let withBody = try TestSupport.rules("  - {id: t, description: d, score: 1, kind: text, pattern: x}\n")
        #expect(withBody.needsBody)
        #expect(!CompiledRuleSet.builtin().restricted(to: .headers).needsBody)
        #expect(CompiledRuleSet.builtin().needsBody)
    }
}
