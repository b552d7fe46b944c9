import ArgumentParser
import AuditReport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `optout-milter report`: the compliance report over audit files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise audit files: what marketing left, what was stopped, who mislabelled.",
        discussion: """
            Reads the audit trail (JSON Lines, audit.path) and reports over a period: audited \
            messages (marketing, or with an opted-out recipient), marketing messages, opted-out \
            recipients by action, mislabelled service messages by sender, the top rules and daily \
            counts. Times are UTC; --since is inclusive, --until exclusive. Rotated files may be \
            given together (compressed ones must be uncompressed first).

            --format html writes one self-contained page (no external assets) with a chart of \
            daily counts and the tables: the evidence to hand over. While reading more than \
            16 MiB, a progress line goes to standard error.

            EXIT STATUS
              0   the report was written
              2   a file cannot be read or written
              64  bad command line

            EXAMPLES
              optout-milter report /var/log/optout-milter/audit.jsonl
              optout-milter report --since 2026-11-01 --until 2026-12-01 --format html \\
                  --output november.html /var/log/optout-milter/audit.jsonl*
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html
    }

    @Option(name: .long, help: ArgumentHelp("First time included (UTC).", valueName: "YYYY-MM-DD[THH:MM:SSZ]"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("First time excluded (UTC).", valueName: "YYYY-MM-DD[THH:MM:SSZ]"))
    var until: String?

    @Option(name: .long, help: "text, json or html.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var output: String?

    @Argument(help: ArgumentHelp("Audit files (JSON Lines).", valueName: "AUDIT.jsonl"))
    var files: [String]

    func validate() throws {
        if self.files.isEmpty {
            throw ValidationError("name at least one audit file")
        }
        do {
            _ = try AuditPeriod(sinceText: self.since, untilText: self.until)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let period = try AuditPeriod(sinceText: self.since, untilText: self.until)
        let progress = ProgressLine(threshold: 16 << 20)
        let summary: AuditSummary
        do {
            summary = try AuditSummaryBuilder.summarize(files: self.files, period: period, progress: progress.update)
            progress.finish()
            let text: String
            switch self.format {
            case .text: text = summary.text
            case .json: text = try summary.json()
            case .html: text = summary.html
            }
            if let output = self.output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(text, terminator: "")
            }
        } catch {
            progress.finish()
            RunCommand.printError("optout-milter: \(error)")
            throw ExitCode(2)
        }
    }
}

/// "reading audit files: 42%" on standard error, rewritten in place, only for large inputs.
final class ProgressLine {
    private let threshold: Int
    private var shown = -1

    init(threshold: Int) {
        self.threshold = threshold
    }

    func update(read: Int, total: Int) {
        guard total >= self.threshold, total > 0 else { return }
        let percent = read * 100 / total
        guard percent != self.shown else { return }
        self.shown = percent
        RunCommand.printError("\rreading audit files: \(percent)%", newline: false)
    }

    func finish() {
        if self.shown >= 0 {
            RunCommand.printError("")
            self.shown = -1
        }
    }
}
