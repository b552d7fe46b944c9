import ArgumentParser

/// Placeholder: filled in by its issue.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Not yet implemented.")

    func run() throws {
        throw ExitCode.failure
    }
}
