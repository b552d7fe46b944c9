import ArgumentParser

/// How every subcommand ends, in one table so that scripts can rely on it and each `--help`
/// prints the same words. grep-like: 0 and 1 are answers, 2 is trouble; 64, 69 and 78 are the
/// sysexits(3) codes a supervisor already knows (and 64 is what ArgumentParser uses for a
/// `ValidationError`).
enum ExitStatus {
    /// Done; where the command answers a question, the answer its help names for 0.
    case success
    /// Done, and the answer is the other one: a message is marketing (`check`), no entry
    /// applies (`suppress lookup`), nothing was removed (`suppress remove`).
    case answeredNo
    /// A runtime failure: a file, message, rule file or store could not be read or written.
    /// Printed as `optout-milter COMMAND: why`, without the usage.
    case failure
    /// Wrong arguments (the usage is printed); for `run` also a bad configuration file.
    case usage
    /// `run` only: cannot listen on the socket.
    case unavailable
    /// `run` only: libmilter stopped on an error while running.
    case milterError
    /// `run` only: the policy cannot be loaded (rule file, suppression store, audit file): EX_CONFIG.
    case policyUnavailable

    var code: Int32 {
        switch self {
        case .success: 0
        case .answeredNo, .milterError: 1
        case .failure: 2
        case .usage: 64
        case .unavailable: 69
        case .policyUnavailable: 78
        }
    }

    /// The error that makes ArgumentParser end the process with this status.
    var exit: ExitCode { ExitCode(self.code) }

    /// An "EXIT STATUS" help section: the command's own meanings of 0 and 1, then the shared 2
    /// (nil `failure` for a command that answers every problem with 1) and 64.
    static func section(
        success: String,
        answeredNo: String? = nil,
        failure: String? = "a file, message or store could not be read or written (no usage printed)"
    ) -> String {
        var lines = ["EXIT STATUS", "  0   \(success)"]
        if let answeredNo { lines.append("  1   \(answeredNo)") }
        if let failure { lines.append("  2   \(failure)") }
        lines.append("  64  wrong arguments (the usage is printed)")
        return lines.joined(separator: "\n")
    }
}
