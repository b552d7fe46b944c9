import ArgumentParser
import OptOutMilter

/// The `optout-milter` command: a synchronous root so that `run` can block signals before any thread exists.
@main
struct OptOutMilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optout-milter",
        abstract: "A Postfix/Sendmail milter that keeps marketing mail away from people who opted out.",
        version: OptOutMilterVersion.current,
        subcommands: [RunCommand.self, ScanCommand.self, CheckCommand.self, EvalCommand.self, SuppressCommand.self]
    )
}
