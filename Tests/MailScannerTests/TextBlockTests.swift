import Testing

@testable import MailScanner

/// Visible text as blocks: block elements and table cells in HTML, paragraphs in plain text, each with
/// the links and images inside it.
@Suite struct TextBlockTests {
    static func blocks(_ html: String) -> [ScannedMessage.TextBlock] {
        var html = html
        return html.withUTF8 { HTMLTextExtractor.extract($0, maxLinks: 100) }.blocks
    }

    @Test func blockElementsAndCellsSplitText() {
        let blocks = Self.blocks(
            "<h1>Votre commande</h1><p>Merci pour votre achat.</p><table><tr><td>Article</td><td>12,00 €</td></tr>"
                + "</table><div>Suivre le colis <a href=\"https://t.example/1\">ici</a></div>"
        )
        #expect(
            blocks.map(\.text) == [
                "Votre commande", "Merci pour votre achat.", "Article", "12,00 €", "Suivre le colis ici",
            ]
        )
        #expect(blocks[4].links == [0])
        #expect(blocks.allSatisfy { $0.links.isEmpty || $0 == blocks[4] })
    }

    @Test func offsetsPointIntoThePartText() {
        var html = "<p>Grazie!</p><p>Il tuo ordine è confermato.</p><p>Scopri le offerte</p>"
        let result = html.withUTF8 { HTMLTextExtractor.extract($0, maxLinks: 100) }
        let bytes = Array(result.text.utf8)
        for block in result.blocks {
            let slice = String(decoding: bytes[block.offset..<(block.offset + block.length)], as: UTF8.self)
            #expect(slice == block.text)
        }
        #expect(result.blocks.count == 3)
    }

    @Test func anImageOnlyBannerIsABlockWithItsAltText() {
        let blocks = Self.blocks(
            "<p>Uw pakket is verzonden.</p><a href=\"https://shop.example/sale\"><img src=\"https://c.example/b.png\" "
                + "alt=\"Uitverkoop: 40% korting\"></a><p>Met vriendelijke groet</p>"
        )
        #expect(blocks.count == 3)
        #expect(blocks[1].text.isEmpty)
        #expect(blocks[1].altText == "Uitverkoop: 40% korting")
        #expect(blocks[1].images == [0])
        #expect(blocks[1].links == [0])
        #expect(blocks[1].fullText == "Uitverkoop: 40% korting")
    }

    @Test func twoLineBreaksEndAParagraphOfABrLayout() {
        let blocks = Self.blocks("Hola Ana,<br>tu cita es el lunes.<br><br>¿Te gustaría probar el plan Premium?")
        #expect(blocks.map(\.text) == ["Hola Ana,\ntu cita es el lunes.", "¿Te gustaría probar el plan Premium?"])
    }

    @Test func hiddenTextAndItsImagesAreNotBlocks() {
        let blocks = Self.blocks(
            "<div style=\"display:none\">preheader <img src=\"https://x.example/p.gif\" alt=\"hidden\"></div><p>shown</p>"
        )
        #expect(blocks.map(\.text) == ["shown"])
        #expect(blocks.allSatisfy { $0.images.isEmpty })
    }

    @Test func plainTextParagraphsCarryTheirLinks() throws {
        let message = MessageScanner.scan(
            Array(
                """
                Subject: Termin\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Guten Tag,\r
                Ihr Termin ist am 3. Mai: https://praxis.example/termin\r
                \r
                \r
                Jetzt neu: unser Vorsorge-Paket https://praxis.example/paket\r
                """.utf8
            )
        )
        let part = try #require(message.textParts.first)
        #expect(
            part.blocks.map(\.text) == [
                "Guten Tag,\nIhr Termin ist am 3. Mai: https://praxis.example/termin",
                "Jetzt neu: unser Vorsorge-Paket https://praxis.example/paket",
            ]
        )
        #expect(part.blocks.map(\.links) == [[0], [1]])
    }

    @Test func linkAndImageIndexesAreTheMessagesAcrossParts() {
        let message = MessageScanner.scan(
            Array(
                """
                Subject: x\r
                Content-Type: multipart/mixed; boundary=b\r
                \r
                --b\r
                Content-Type: text/html\r
                \r
                <p><a href="https://a.example/">one</a></p>\r
                --b\r
                Content-Type: text/html\r
                \r
                <p><img src="https://i.example/x.png" alt="two"><a href="https://b.example/">two</a></p>\r
                --b--\r
                """.utf8
            )
        )
        #expect(message.textParts.count == 2)
        #expect(message.textParts[1].blocks.first?.links == [1])
        #expect(message.textParts[1].blocks.first?.images == [0])
        #expect(message.links[1].host == "b.example")
    }
}
