import ArgumentParser

/// Placeholder: filled in by its issue.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Not yet implemented.")

    func run() throws {
        throw ExitCode.failure
    }
}
