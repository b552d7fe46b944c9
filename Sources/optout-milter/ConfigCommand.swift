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

            EXIT STATUS
              0   the configuration is valid (printed on standard output)
              1   it is not (the error on standard error)

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
            FileHandle.standardError.write(Data("optout-milter config check: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
