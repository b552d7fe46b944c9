import ArgumentParser
import Foundation
import OptOutMilter

/// `optout-milter simulate`: what the milter would do with one message.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Show what the milter would do with a message, without an MTA.",
        discussion: """
            Runs MESSAGE (an RFC 5322 file, as .eml) through the same code as the milter: the \
            configuration's rule file and suppression store are loaded, each --to recipient is \
            looked up in the store, the message is scanned and classified, and the policy decides. \
            It prints the verdict and its rules, the action, what each recipient gets, the SMTP \
            reply the MTA would give and the header that would be added. Nothing is sent, the \
            store is only read, and the audit file is not written. The outbound scope is not \
            applied: the message is judged as outbound mail.

            With --json, one JSON object: verdict, score, threshold, rules, action, mode, \
            mislabelled, uncertain, reply, header, recipients (address, suppressed, entry, outcome) \
            and edits.

            \(ExitStatus.section(success: "the message was judged (whatever the decision)"))
              2 also when the configuration or its rule file cannot be read.

            EXAMPLES
              optout-milter simulate --config /etc/optout-milter/optout-milter.yaml \\
                  --from news@shop.example --to jane@example.com,joe@example.com campaign.eml
              optout-milter simulate --json --to jane@example.com campaign.eml
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("The YAML configuration file (default: built-in defaults).", valueName: "file")
    )
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The envelope sender.", valueName: "address"))
    var from = ""

    @Option(
        name: .long,
        parsing: .singleValue,
        help: ArgumentHelp("Recipients, comma-separated or repeated.", valueName: "address[,address...]")
    )
    var to: [String]

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    @Argument(help: ArgumentHelp("The message file.", valueName: "message.eml"))
    var message: String

    var recipients: [String] {
        self.to.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    func validate() throws {
        if self.recipients.isEmpty {
            throw ValidationError("give at least one recipient with --to")
        }
    }

    func run() throws {
        let result: PolicySimulator.Result
        do {
            let configuration =
                try self.config.map { try OptOutMilterConfiguration.load(path: $0) }
                ?? OptOutMilterConfiguration()
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: self.message)))
            } catch {
                throw ConfigurationError(
                    file: self.message,
                    line: nil,
                    message: "cannot read the message: \(error.localizedDescription)"
                )
            }
            result = try PolicySimulator(configuration: configuration)
                .simulate(message: bytes, sender: self.from, recipients: self.recipients)
        } catch {
            printError("optout-milter simulate: \(error)")
            throw ExitStatus.failure.exit
        }
        print(self.json ? result.json : result.text, terminator: "")
    }
}
