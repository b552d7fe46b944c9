import ArgumentParser

/// Placeholder: filled in by its issue.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Not yet implemented.")

    func run() throws {
        throw ExitCode.failure
    }
}
