import ArgumentParser
import Foundation
import OptOutMilter
import Suppression
import Unsubscribe

/// `optout-milter unsubscribe`: keys and links of one-click unsubscribe.
struct UnsubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unsubscribe",
        abstract: "Make keys and links for one-click unsubscribe (RFC 8058), and read links.",
        discussion: """
            With an `unsubscribe:` section in the configuration, the milter puts List-Unsubscribe \
            and List-Unsubscribe-Post on each marketing message it delivers to a single recipient, \
            and serves the links on unsubscribe.listen. See the README, "One-click unsubscribe".
            """,
        subcommands: [Keygen.self, Token.self, Verify.self]
    )

    /// `--config`, and the `unsubscribe` section it must have.
    struct ConfigOptions: ParsableArguments {
        @Option(
            name: .long,
            help: ArgumentHelp(
                "The YAML configuration file (default: \(OptOutMilterConfiguration.defaultPath)).",
                valueName: "file"
            )
        )
        var config: String?

        func load() throws -> (OptOutMilterConfiguration, UnsubscribeLinks) {
            let path = self.config ?? OptOutMilterConfiguration.defaultPath
            let configuration = try OptOutMilterConfiguration.load(path: path)
            guard let settings = configuration.unsubscribe else {
                throw CommandFailure("\(path): has no unsubscribe section")
            }
            return (configuration, try settings.links())
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new random key to FILE (mode 0600).",
            discussion: """
                The key seals the tokens in unsubscribe links: whoever holds it can make links \
                that unsubscribe anyone. Keep it readable by the milter's user only. FILE must \
                not exist.

                To rotate: write a new key, list it first in unsubscribe.keys (it signs new \
                links; the old one still opens old links), reload, and remove the old key once \
                unsubscribe.token_lifetime has passed.

                \(ExitStatus.section(success: "the key was written", failure: "FILE exists or cannot be written"))

                EXAMPLES
                  optout-milter unsubscribe keygen /etc/optout-milter/unsubscribe.key
                """
        )

        @Argument(help: ArgumentHelp("The key file to create.", valueName: "file"))
        var file: String

        func run() throws {
            try CommandFailure.reporting("unsubscribe keygen") {
                try UnsubscribeKey.generate().write(path: self.file)
                print("wrote \(self.file)")
            }
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a token for ADDRESS and the links that carry it.",
            discussion: """
                What the milter would put on a marketing message to ADDRESS now: the token \
                (sealed with the first key), the https link, the mailto link if configured, and \
                the two header fields. For support staff and tests; the links unsubscribe \
                ADDRESS when POSTed.

                \(ExitStatus.section(success: "printed"))

                EXAMPLES
                  optout-milter unsubscribe token --config /etc/optout-milter/optout-milter.yaml jane@example.com
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: ArgumentHelp("The recipient's address.", valueName: "address"))
        var address: String

        func run() throws {
            try CommandFailure.reporting("unsubscribe token") {
                let (_, links) = try self.options.load()
                let canonical: String
                do {
                    canonical = try AddressNormalizer.standard.normalize(self.address).canonical
                } catch {
                    throw ValidationError("\(self.address): \(error)")
                }
                let token = links.token(for: canonical)
                print("address: \(canonical)")
                print("token: \(token)")
                print("url: \(links.url(token: token))")
                if let mailto = links.mailtoLink(token: token) {
                    print("mailto: \(mailto)")
                }
                print("List-Unsubscribe: \(links.listUnsubscribe(token: token))")
                print("List-Unsubscribe-Post: \(UnsubscribeLinks.postHeaderValue)")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say what an unsubscribe link or token carries.",
            discussion: """
                Opens the token in LINK (an https or mailto link, or the token alone) with the \
                configured keys and prints the address, the scope and when it was issued; or \
                why it is refused (malformed, forged or altered, expired).

                \(ExitStatus.section(success: "the link is valid", answeredNo: "it is not (the reason is printed)"))

                EXAMPLES
                  optout-milter unsubscribe verify 'https://unsubscribe.example.com/u/AbC...'
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: ArgumentHelp("The link or token.", valueName: "link"))
        var link: String

        func run() throws {
            let links = try CommandFailure.reporting("unsubscribe verify") { try self.options.load().1 }
            do {
                let token = try links.open(UnsubscribeLinks.tokenText(inLink: self.link))
                print("valid")
                print("address: \(token.address)")
                print("scope: \(token.scope)")
                print("issued: \(ISO8601DateFormatter().string(from: token.issuedAt))")
                let expires = token.issuedAt.addingTimeInterval(Double(links.lifetime.components.seconds))
                print("expires: \(ISO8601DateFormatter().string(from: expires))")
            } catch {
                print("invalid: \(error)")
                throw ExitStatus.answeredNo.exit
            }
        }
    }
}
