import MailScanner
import Testing

@testable import MarketingClassifier

/// A promotion inside a service mail: the block promotes on its own, the service evidence around it
/// cannot cancel it, and the verdict is `mixed` and names the block. Each message is written for the
/// test in its own layout and language; none comes from the corpus.
@Suite struct BlockPromotionTests {
    /// The default classifier (rule scores). The shipped model is opt-in and checked in
    /// ``ShippedModelTests``: it misses some of these cases (docs/RULES.md has the figures).
    static let classifiers: [(String, MarketingClassifier)] = [
        ("rule scores", MarketingClassifier(rules: .builtin()))
    ]

    static let cases: [(name: String, message: ScannedMessage, excerpt: String)] = [
        (
            "EN comment notification with loyalty points to redeem (plain text)",
            MailBuilder.plain(
                subject: "Maya replied to your comment",
                from: "notifications@forum.example",
                """
                Hi Sam,

                Maya replied to your comment on "Best sourdough starter":
                "Try feeding it twice a day."

                You have 1,250 points waiting for you. Redeem your points for a free coffee in any of our cafés.

                Manage notification settings in your account.
                """
            ),
            "Redeem your points"
        ),
        (
            "DE failed-payment notice with a paid add-on in the P.S. (div layout)",
            MailBuilder.html(
                subject: "Zahlung fehlgeschlagen",
                from: "billing@hosting.example",
                esp: true,
                """
                <div class="wrap"><h2>Ihre Zahlung ist fehlgeschlagen</h2>
                <p>Die Zahlung für Rechnung Nr. 88213 über 12,00 € wurde abgelehnt. Bitte aktualisieren Sie Ihre
                Zahlungsmethode bis zum 14. März.</p>
                <p><a href="https://hosting.example/billing">Zahlungsmethode aktualisieren</a></p>
                <p>P.S. Sichern Sie Ihre Website mit täglichen Backups – jetzt hinzufügen für nur 2,99 € pro Monat.</p>
                </div>
                """
            ),
            "2,99 €"
        ),
        (
            "FR welcome mail with a donation appeal (table layout)",
            MailBuilder.html(
                subject: "Bienvenue ! Confirmez votre adresse",
                from: "contact@association.example",
                """
                <table><tr><td><h1>Bienvenue, Claire</h1></td></tr>
                <tr><td>Merci de votre inscription. Confirmez votre adresse e-mail en cliquant sur le bouton.</td></tr>
                <tr><td><a href="https://association.example/confirm?t=1">Confirmer mon adresse</a></td></tr>
                <tr><td>Chaque geste compte : faites un don aujourd'hui et soutenez nos actions sur le terrain.
                <a href="https://association.example/don">Je donne</a></td></tr></table>
                """
            ),
            "faites un don"
        ),
        (
            "ES shipping notice with a buy-it-again product row",
            MailBuilder.html(
                subject: "Tu pedido ha sido enviado",
                from: "pedidos@tienda.example",
                esp: true,
                """
                <table width="600"><tr><td><p>Hola Lucía, tu pedido n.º 5521 ha sido enviado.</p>
                <p>Número de seguimiento: ES99812. Entrega estimada: jueves.</p></td></tr>
                <tr><td><h3>Volver a comprar</h3></td></tr>
                <tr><td><img src="https://cdn.tienda.example/p/1.jpg" alt="Café molido 500 g">
                <a href="https://tienda.example/p/1">Comprar</a></td>
                <td><img src="https://cdn.tienda.example/p/2.jpg" alt="Filtros de papel">
                <a href="https://tienda.example/p/2">Comprar</a></td></tr></table>
                """
            ),
            "Volver a comprar"
        ),
        (
            "NL appointment confirmation with a referral offer",
            MailBuilder.html(
                subject: "Bevestiging van uw afspraak",
                from: "afspraken@fysio.example",
                """
                <div><p>Beste Jan,</p><p>Uw afspraak op dinsdag 12 mei om 10:30 is bevestigd.</p>
                <p>Kunt u niet komen? Annuleer dan uiterlijk 24 uur van tevoren.</p></div>
                <div style="background:#eef"><p><b>Nodig een vriend uit</b> en ontvang allebei €15 korting op de
                volgende behandeling.</p></div>
                """
            ),
            "Nodig een vriend uit"
        ),
        (
            "IT security notice with an upgrade to premium",
            MailBuilder.html(
                subject: "Nuovo accesso al tuo account",
                from: "sicurezza@cloud.example",
                """
                <p>Abbiamo rilevato un nuovo accesso al tuo account da Chrome su Windows.</p>
                <p>Se non sei stato tu, cambia subito la password.</p>
                <hr><p>Spazio quasi esaurito? Passa a Premium: 2 TB per soli 4,99 € al mese.</p>
                """
            ),
            "Passa a Premium"
        ),
        (
            "DE booking confirmation with a survey that offers a prize",
            MailBuilder.html(
                subject: "Buchungsbestätigung 7781",
                from: "buchung@hotel.example",
                """
                <table><tr><td>Ihre Buchung 7781: 2 Nächte, Anreise 3. Juni.</td></tr>
                <tr><td>Nehmen Sie an unserer kurzen Umfrage teil und gewinnen Sie einen Gutschein über 100 €.</td></tr>
                </table>
                """
            ),
            "Umfrage"
        ),
        (
            "FR receipt with a you-might-also-like cross-sell",
            MailBuilder.html(
                subject: "Votre reçu",
                from: "recu@librairie.example",
                """
                <section><p>Merci pour votre commande n° 30021. Montant payé : 24,90 €.</p></section>
                <section><h3>Vous aimerez aussi</h3><ul><li>Le Petit Prince — 8,50 €</li><li>Vol de nuit — 7,90 €</li></ul>
                </section>
                """
            ),
            "Vous aimerez aussi"
        ),
        (
            "EN receipt with an app download offer",
            MailBuilder.html(
                subject: "Your receipt from Greenleaf",
                from: "receipts@greenleaf.example",
                esp: true,
                """
                <div><p>Order number 4471 — total paid $38.20.</p></div>
                <div><a href="https://greenleaf.example/app"><img src="https://cdn.greenleaf.example/app.png"
                alt="Download our app and get 15% off your next order"></a></div>
                """
            ),
            "15% off"
        ),
        (
            "EN invoice with an event promotion",
            MailBuilder.html(
                subject: "Invoice 2024-118",
                from: "accounts@saas.example",
                """
                <p>Invoice number 2024-118 for March is attached. Amount due: $49.00.</p>
                <p>Join us at CloudConf in Berlin this September. Early-bird tickets are on sale now — register today
                and save 20%.</p>
                """
            ),
            "CloudConf"
        ),
    ]

    @Test(arguments: 0..<Self.cases.count)
    func promotionInServiceMailIsMixedAndNamed(index: Int) throws {
        let example = Self.cases[index]
        for (name, classifier) in Self.classifiers {
            let verdict = classifier.classify(example.message)
            #expect(verdict.isMarketing, "\(example.name) [\(name)]: \(verdict.score) \(verdict.hits.map(\.ruleID))")
            let block = try #require(verdict.blocks.first, "\(example.name) [\(name)]: no promotional block")
            #expect(block.excerpt.contains(example.excerpt), "\(example.name) [\(name)]: \(block.excerpt)")
            #expect(!block.hits.isEmpty)
            #expect(block.score >= verdict.threshold)
        }
    }

    /// Service evidence lowers the message-level score but never a block's: a block scored alone and the
    /// same block under a receipt score the same.
    @Test func serviceEvidenceNeverLowersABlock() throws {
        let promotion = "<p>Refer a friend and you'll both get $20 credit.</p>"
        let alone = MailBuilder.html(subject: "Hello", from: "hello@shop.example", promotion)
        let underReceipt = MailBuilder.html(
            subject: "Your receipt",
            from: "receipts@shop.example",
            "<p>Receipt number 771. Order number 5521. Payment received. Reset your password anytime.</p>" + promotion
        )
        for (name, classifier) in Self.classifiers {
            let a = try #require(classifier.classify(alone).blocks.first, "\(name)")
            let verdict = classifier.classify(underReceipt)
            let b = try #require(verdict.blocks.first, "\(name)")
            #expect(a.score == b.score, "\(name)")
            #expect(verdict.messageScore < classifier.classify(alone).messageScore, "\(name)")
            #expect(verdict.isMixed, "\(name)")
            #expect(verdict.category == "marketing/mixed", "\(name)")
        }
    }

    @Test func blockEvidenceLocatesTheBlockInItsPart() throws {
        let message = Self.cases[4].message
        let verdict = MarketingClassifier(rules: .builtin()).classify(message)
        let block = try #require(verdict.blocks.first)
        let part = message.textParts[block.part]
        #expect(part.blocks[block.block].offset == block.offset)
        #expect(part.text.utf8.dropFirst(block.offset).starts(with: "Nodig".utf8))
    }
}
