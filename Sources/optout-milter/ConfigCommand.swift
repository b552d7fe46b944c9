import ArgumentParser
import Foundation
import OptOutMilter

/// `optout-milter config`: configuration tools.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check a configuration file.",
        subcommands: [ConfigCheckCommand.self]
    )
}

/// `optout-milter config check FILE`.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration file and print the effective configuration.",
        discussion: """
            Reads FILE as `optout-milter run --config FILE` would, compiles the rule file it names \
            (classifier.rules), and prints every key with the value in force, defaults included, as \
            YAML. It does not open the suppression store, the audit file or the socket, so it can \
            run on a machine other than the MTA.

            Errors name the file and the line: FILE:LINE: key: why.

            \(ExitStatus.section(
                success: "the configuration is valid (printed on standard output)",
                answeredNo: "it is not, or cannot be read (the error on standard error)",
                failure: nil
            ))

            EXAMPLES
              optout-milter config check /etc/optout-milter/optout-milter.yaml
            """
    )

    @Argument(help: ArgumentHelp("The YAML configuration file.", valueName: "file"))
    var file: String

    func run() throws {
        do {
            let configuration = try OptOutMilterConfiguration.check(path: self.file)
            print(configuration.renderedYAML, terminator: "")
        } catch {
            printError("optout-milter config check: \(error)")
            // The question is "is this file valid?": an unreadable file is a "no" (the issue asks 0 / 1).
            throw ExitStatus.answeredNo.exit
        }
    }
}
