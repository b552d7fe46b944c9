import ArgumentParser

/// Placeholder: filled in by its issue.
struct SuppressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suppress", abstract: "Not yet implemented.")

    func run() throws {
        throw ExitCode.failure
    }
}
