import MailScanner
import Testing

@testable import MarketingClassifier

/// Mail a customer needs, or personal mail, that must never be called marketing: a login code sent
/// through an ESP, a fraud alert, a receipt with free shipping, a statement notice, a shipping notice
/// with a logo, footer and social links, and personal mail that mentions free things, sponsors, prices
/// and prizes. ESP infrastructure (pixel, click tracking, one-click unsubscribe) is not evidence of
/// marketing, and no single weak phrase is worth the threshold.
@Suite struct ServiceFalsePositiveTests {
    static let cases: [(name: String, message: ScannedMessage)] = [
        (
            "EN personal mail mentioning free, sponsored, a price and a prize",
            MailBuilder.plain(
                subject: "Saturday",
                from: "tom@example.org",
                """
                Hey Anna,

                the pub quiz on Saturday is free this time, the whole evening is sponsored by the brewery next door.
                Last week Tom won a prize (a bottle of gin, worth about £25). Are you coming? Drinks are on me.

                Cheers, Tom
                """
            )
        ),
        (
            "DE personal mail mentioning gratis and a price",
            MailBuilder.plain(
                subject: "Fahrrad",
                from: "lena@example.de",
                """
                Hallo Max,

                das Fahrrad kannst du gratis haben, ich brauche es nicht mehr. Neu hat es 450 € gekostet.
                Sag Bescheid, wann du es abholst.

                Liebe Grüße
                Lena
                """
            )
        ),
        (
            "DE shipping notice with logo, footer and social links, sent through an ESP",
            MailBuilder.html(
                subject: "Ihr Paket ist unterwegs",
                from: "versand@shop.example",
                esp: true,
                """
                <table width="600"><tr><td><img src="https://cdn.shop.example/logo.png" alt="Shop" width="120"></td></tr>
                <tr><td><p>Guten Tag Frau Keller,</p><p>Ihre Bestellung 55812 wurde versandt. Sendungsnummer:
                00340434. Voraussichtliche Zustellung: Freitag.</p>
                <p><a href="\(MailBuilder.tracked("https://shop.example/track"))">Sendung verfolgen</a></p></td></tr>
                <tr><td><a href="https://facebook.com/shop"><img src="https://cdn.shop.example/fb.png" alt="Facebook"></a>
                <a href="https://instagram.com/shop"><img src="https://cdn.shop.example/ig.png" alt="Instagram"></a>
                </td></tr><tr><td style="font-size:11px;color:#888">Shop GmbH, Hauptstr. 1, 10115 Berlin ·
                <a href="https://shop.example/impressum">Impressum</a> · <a href="https://shop.example/datenschutz">Datenschutz</a>
                </td></tr></table>
                """
            )
        ),
        (
            "EN two-factor code that says to download the authenticator app",
            MailBuilder.html(
                subject: "Your sign-in code",
                from: "no-reply@bank.example",
                esp: true,
                """
                <div><p>Your login code is <b>482913</b>. It expires in 10 minutes.</p>
                <p>For stronger protection, download the Google Authenticator app and turn on two-step verification in
                your security settings.</p><p>If this wasn't you, contact us immediately.</p></div>
                """
            )
        ),
        (
            "EN fraud alert: someone used your card",
            MailBuilder.html(
                subject: "Security alert: unusual card activity",
                from: "alerts@bank.example",
                esp: true,
                """
                <p>We think someone used your card at ELECTRO-MART LONDON for £649.00 on 2 May.</p>
                <p>If this was you, no action is needed. If not, call us on 0800 000 000 and we will block the card.</p>
                """
            )
        ),
        (
            "ES fraud alert: alguien ha usado tu tarjeta",
            MailBuilder.html(
                subject: "Alerta de seguridad",
                from: "alertas@banco.example",
                """
                <p>Alguien ha usado tu tarjeta terminada en 4421 en una tienda online por 312,00 €.</p>
                <p>Si no reconoces este cargo, llámanos al 900 000 000.</p>
                """
            )
        ),
        (
            "EN receipt with Shipping: FREE",
            MailBuilder.html(
                subject: "Your order receipt",
                from: "orders@store.example",
                esp: true,
                """
                <table><tr><td>Order number</td><td>#10442</td></tr><tr><td>Wool socks × 2</td><td>$24.00</td></tr>
                <tr><td>Shipping:</td><td>FREE</td></tr><tr><td>Total paid</td><td>$24.00</td></tr></table>
                <p>Questions? Reply to this email.</p>
                """
            )
        ),
        (
            "NL receipt with Verzending: gratis",
            MailBuilder.plain(
                subject: "Ontvangstbewijs bestelling 8812",
                from: "bestellingen@winkel.example",
                """
                Bedankt voor je bestelling 8812.

                Theepot: € 29,95
                Verzending: gratis
                Totaal betaald: € 29,95
                """
            )
        ),
        (
            "EN statement is now available",
            MailBuilder.html(
                subject: "Your statement is ready",
                from: "statements@bank.example",
                esp: true,
                """
                <p>Your March statement is now available in online banking.</p>
                <p><a href="\(MailBuilder.tracked("https://bank.example/statements"))">View statement</a></p>
                """
            )
        ),
        (
            "IT statement available",
            MailBuilder.plain(
                subject: "Estratto conto disponibile",
                from: "comunicazioni@banca.example",
                """
                Gentile cliente,

                il tuo estratto conto di aprile è ora disponibile nella tua area riservata.

                Cordiali saluti
                """
            )
        ),
        (
            "EN account activation that says get the most out of your account",
            MailBuilder.html(
                subject: "Activate your account",
                from: "no-reply@tool.example",
                esp: true,
                """
                <p>Welcome! Confirm your email address to activate your account.</p>
                <p><a href="\(MailBuilder.tracked("https://tool.example/activate"))">Activate account</a></p>
                <p>Our help centre explains how to get the most out of your account.</p>
                """
            )
        ),
        (
            "FR appointment reminder through an ESP",
            MailBuilder.html(
                subject: "Rappel de rendez-vous",
                from: "rdv@cabinet.example",
                esp: true,
                """
                <div><p>Bonjour, nous vous rappelons votre rendez-vous le mardi 4 juin à 9h00 avec le Dr Martin.</p>
                <p><a href="\(MailBuilder.tracked("https://cabinet.example/rdv"))">Annuler ou déplacer</a></p></div>
                """
            )
        ),
    ]

    @Test(arguments: 0..<Self.cases.count)
    func serviceAndPersonalMailIsNotMarketing(index: Int) {
        let example = Self.cases[index]
        for (name, classifier) in BlockPromotionTests.classifiers + [("shipped model", .standard())] {
            let verdict = classifier.classify(example.message)
            #expect(
                !verdict.isMarketing,
                "\(example.name) [\(name)]: \(verdict.score) \(verdict.hits.map { "\($0.ruleID) \($0.score)" })"
            )
            #expect(verdict.blocks.isEmpty, "\(example.name) [\(name)]: \(verdict.blocks.map(\.excerpt))")
        }
    }
}
