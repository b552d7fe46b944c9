import ArgumentParser
import OptOutMilter

/// The `optout-milter` command: a synchronous root so that `run` can block signals before any thread exists.
@main
struct OptOutMilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optout-milter",
        abstract: "A Postfix/Sendmail milter that keeps marketing mail away from people who opted out.",
        discussion: """
            optout-milter runs beside an outbound MTA (Postfix or Sendmail) through the milter \
            protocol. It scans each outgoing message, decides whether it is marketing, looks every \
            recipient up in an opt-out (suppression) list and acts per policy. When it fails, the MTA \
            gets a temporary failure and retries: mail is never lost.

            Start it with `optout-milter run`; see `optout-milter help run` for sockets, signals, \
            exit codes and files, and docs/OPERATING.md for wiring it into Postfix and Sendmail.

            Every subcommand ends its help with EXIT STATUS. The offline commands share one \
            convention: 0 and 1 are answers (check: 1 when a message is marketing), 2 is a runtime \
            failure reported as one "optout-milter COMMAND: why" line, 64 is wrong arguments \
            (printed with the usage).
            """,
        version: OptOutMilterVersion.current,
        subcommands: [
            RunCommand.self, ScanCommand.self, CheckCommand.self, EvalCommand.self, TrainCommand.self,
            SuppressCommand.self, SimulateCommand.self, ConfigCommand.self, ReportCommand.self, UnsubscribeCommand.self,
        ]
    )
}
