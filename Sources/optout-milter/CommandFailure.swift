import ArgumentParser

/// A runtime failure found by the executable itself (not by a library), such as an output file
/// it cannot create. Only printed, so a message is all it needs.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// Runs a subcommand's body so that every runtime error ends the same way: one
    /// `optout-milter COMMAND: why` line on standard error and ``ExitStatus/failure``.
    /// `ValidationError` (wrong arguments: usage printed, 64) and `ExitCode` pass through.
    static func reporting<T>(_ command: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("optout-milter \(command): \(error)")
            throw ExitStatus.failure.exit
        }
    }
}
