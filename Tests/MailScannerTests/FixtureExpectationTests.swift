import Testing

@testable import MailScanner

/// What each fixture must scan to: one row per rule the fixture was written for.
@Suite struct FixtureExpectationTests {
    static func scan(_ name: String) -> ScannedMessage {
        MessageScanner.scan(FixtureLoader.bytes(name))
    }

    @Test func unfoldedEncodedSubjectAndPlainLinks() {
        let message = Self.scan("plain-folded-subject.eml")
        #expect(message.subject == "Summer sale: 50% off \u{2014} everything \u{20AC} today")
        #expect(message.from == [.init(displayName: "Shop, Inc.", address: "news@shop.example")])
        #expect(message.to.map(\.address) == ["alice@example.com", "bob@example.org"])
        #expect(message.headers.map(\.name) == ["From", "To", "Subject", "Date", "Message-ID"])
        #expect(message.links.count == 1)
        let link = message.links[0]
        #expect(link.url == "https://shop.example/sale?utm_source=mail&code=SUMMER%2050")
        #expect(link.host == "shop.example")
        #expect(link.query == [.init(name: "utm_source", value: "mail"), .init(name: "code", value: "SUMMER 50")])
        #expect(link.source == .plain)
    }

    @Test func alternativeWithQuotedPrintableAndBase64() {
        let message = Self.scan("alternative-qp-base64.eml")
        #expect(message.textParts.map(\.kind) == [.plain, .html])
        #expect(
            message.textParts[0].text
                == "Caf\u{E9} cr\u{E8}me \u{20AC}5 a long soft broken line, a bad escape =ZZ and = sign."
        )
        #expect(message.textParts[1].text == "Caf\u{E9} cr\u{E8}me \u{20AC}5 & more here\n\nShop now")
        #expect(message.links.map(\.text) == ["Shop now"])
        #expect(message.links[0].query == [.init(name: "x", value: "1"), .init(name: "y", value: "a b")])
        #expect(!message.flags.htmlOnly)
        #expect(message.flags.malformed)  // the `=ZZ` escape
    }

    @Test func nestedMultipartAttachmentsAndAttachedMessage() {
        let message = Self.scan("nested-attachments.eml")
        #expect(message.textParts.map(\.text) == ["Plain body.", "HTML body", "Inner caf\u{E9} text.\n"])
        #expect(message.textParts[2].charset == "iso-8859-1")
        #expect(
            message.attachments == [
                .init(filename: "na\u{EF}ve report.pdf", contentType: "application/pdf", size: 1024),
                .init(filename: "notes.txt", contentType: "text/plain", size: 30),
            ]
        )
        #expect(!message.flags.malformed)
    }

    @Test func missingFinalBoundaryKeepsTheLastPart() {
        let message = Self.scan("missing-final-boundary.eml")
        #expect(message.textParts.map(\.text) == ["first part", "second part never closed"])
        #expect(message.flags.malformed)
    }

    @Test func outerBoundaryClosesInnerMultipart() {
        let message = Self.scan("outer-boundary-closes-inner.eml")
        #expect(message.textParts.map(\.text) == ["inner one", "outer two"])
        #expect(message.flags.malformed)
    }

    @Test(arguments: [
        ("charset-iso-2022-jp.eml", "\u{3053}\u{3093}\u{306B}\u{3061}\u{306F}\u{4E16}\u{754C}"),
        ("charset-shift-jis.eml", "\u{65E5}\u{672C}\u{8A9E}\u{306E}"),
        ("charset-big5.eml", "\u{7E41}\u{9AD4}\u{4E2D}\u{6587}"),
        ("charset-gb2312.eml", "\u{7B80}\u{4F53}\u{4E2D}\u{6587}"),
        ("charset-koi8-r.eml", "\u{0420}\u{0430}\u{0441}\u{043F}\u{0440}\u{043E}\u{0434}\u{0430}\u{0436}\u{0430}"),
        ("charset-windows-1251.eml", "\u{041F}\u{0440}\u{0438}\u{0432}\u{0435}\u{0442}"),
        ("charset-iso-8859-2.eml", "Za\u{17C}\u{F3}\u{142}\u{107}"),
    ])
    func charsetsThroughIconv(name: String, expectedPrefix: String) {
        let message = Self.scan(name)
        #expect(message.textParts.first?.text.hasPrefix(expectedPrefix) == true)
        #expect(message.subject?.hasPrefix(String(expectedPrefix.prefix(3))) == true)
    }

    @Test func unlabelledEightBitFallsBack() {
        let latin = Self.scan("eight-bit-no-charset.eml")
        #expect(latin.textParts[0].text == "Caf\u{E9} \u{201C}quoted\u{201D} text")
        #expect(latin.textParts[0].charset == "windows-1252")
        #expect(latin.subject == "Raw 8-bit \u{E9}t\u{E9}")
        let utf8 = Self.scan("utf8-no-charset.eml")
        #expect(utf8.textParts[0].text == "Na\u{EF}ve caf\u{E9} \u{2014} \u{20AC}10")
        #expect(utf8.textParts[0].charset == "utf-8")
    }

    @Test func htmlVisibleHiddenLinksAndImages() {
        let message = Self.scan("html-hidden-pixel.eml")
        let part = message.textParts[0]
        #expect(
            part.text == """
                Big Sale \u{2014} \u{A9} 2024

                Shop our new collection & save.
                Line two
                Line three

                Cell A Cell B

                Unclosed & text <tag> &unknown; \u{FFFD} end
                """
        )
        #expect(part.hiddenText.contains("Preheader: 30% off everything"))
        #expect(part.hiddenText.contains("tiny hidden"))
        #expect(part.hiddenText.contains("hidden attribute"))
        #expect(!part.text.contains("not text"))
        #expect(message.flags.hasHiddenText && message.flags.htmlOnly)
        #expect(message.links.map(\.text) == ["new collection", "Unsubscribe"])
        #expect(message.links[0].url == "https://click.shop.example/t?u=https%3A%2F%2Fshop.example%2Fsale&id=42")
        #expect(message.links[0].query.first == .init(name: "u", value: "https://shop.example/sale"))
        #expect(message.images.map(\.isTrackingPixel) == [false, true, false])
        #expect(message.images[2].width == 600 && message.images[2].height == 300)
        #expect(message.images[1].host == "track.shop.example")
    }

    @Test func addressLists() {
        let message = Self.scan("addresses.eml")
        #expect(message.from == [.init(displayName: "J\u{FC}rgen M\u{FC}ller", address: "juergen@example.de")])
        #expect(
            message.to == [
                .init(displayName: "Smith, John", address: "john.smith@example.com"),
                .init(displayName: "Jane Doe", address: "jane@example.com"),
                .init(address: "ann@example.com", group: "Team"),
                .init(displayName: "Bob B.", address: "bob@example.com", group: "Team"),
            ]
        )
        #expect(message.cc.map(\.address) == ["\"odd local\"@example.com", "carol@example.com", "dave@example.com"])
        #expect(message.replyTo.map(\.address) == ["reply@example.com", "second@example.com"])
    }

    @Test func encodedWordsJoinedAcrossWordsAndCharsets() {
        let message = Self.scan("encoded-words.eml")
        #expect(
            message.subject
                == "\u{1F389} Big \u{1F389} Salecaf\u{E9} plain \u{201C}quoted\u{201D}split \u{20AC} euro =?bogus?x?notaword?="
        )
        #expect(message.header("x-mailer")?.value == "Mailer \u{20AC}")
        #expect(message.header("X-MAILER")?.rawValue == "=?iso-8859-15?q?Mailer_=A4?=")
    }

    @Test func quotedPrintableEdges() {
        let message = Self.scan("qp-edge-cases.eml")
        #expect(
            message.textParts[0].text == "softbreak, lower\u{20AC}, upper\u{20AC}, bad=G1 =4 end, double==, trailing"
        )
    }

    @Test func damagedBase64() {
        #expect(Self.scan("base64-damaged.eml").textParts[0].text == "Hello, world! Again, other")
    }

    @Test func multipartWithoutBoundaryHasNoParts() {
        let message = Self.scan("multipart-no-boundary.eml")
        #expect(message.textParts.isEmpty && message.flags.malformed)
    }

    @Test func digestPartsDefaultToMessages() {
        let message = Self.scan("digest.eml")
        #expect(message.textParts.map(\.text) == ["Digest message one.", "Digest message two."])
        #expect(message.textParts.map(\.kind) == [.plain, .html])
    }

    @Test func headerSectionWithoutBlankLine() {
        let message = Self.scan("header-no-blank-line.eml")
        #expect(message.subject == "No blank line")
        #expect(message.textParts[0].text == "this line starts the body\nsecond body line")
    }

    @Test func mboxEnvelopeLineIsNotAHeader() {
        let message = Self.scan("mbox-from-line.eml")
        #expect(message.headers.map(\.name) == ["From", "Subject"])
    }
}
