import ArgumentParser

/// Placeholder: filled in by its issue.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Not yet implemented.")

    func run() throws {
        throw ExitCode.failure
    }
}
