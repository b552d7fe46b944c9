import ArgumentParser
import Foundation
import MailCorpus
import MarketingClassifier

/// `optout-milter check`: classify messages from files and explain every verdict.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Classify messages as marketing or not and explain each verdict.",
        discussion: """
            Scans each message exactly as the milter would and evaluates the marketing rules on it. \
            For every message it prints the verdict (marketing or not-marketing), the total score, \
            the threshold, the category the sender declared (the category header, X-Message-Category \
            by default) and every rule that fired with its score and a short excerpt of the evidence. \
            A message declared as service whose content is marketing is flagged MISLABELLED.

            PATH may be a message file (RFC 5322, as .eml), an mbox file (messages separated by \
            "From " lines; named FILE#N), a Maildir (its cur/ and new/ are read) or a directory \
            (read recursively, hidden files skipped).

            With no --rules the built-in rule pack is used. A rule file that contains \
            "extends: builtin" adds to, replaces or disables rules of the built-in pack; otherwise \
            it replaces the pack. See docs/RULES.md for the rule language.

            A bad rule file is reported as FILE:LINE: rule 'ID': why.

            \(ExitStatus.section(success: "no message is marketing", answeredNo: "at least one message is marketing"))

            EXAMPLES
              optout-milter check message.eml
              optout-milter check --json ~/Maildir
              optout-milter check --rules site-rules.yaml archive.mbox
            """
    )

    @OptionGroup var classifier: ClassifierOptions

    @Flag(name: .long, help: "Print one JSON object per message, one per line (JSON Lines).")
    var json = false

    @Argument(help: ArgumentHelp("Message files, mbox files, Maildirs or directories.", valueName: "PATH"))
    var paths: [String]

    func validate() throws {
        if self.paths.isEmpty {
            throw ValidationError("give at least one PATH")
        }
    }

    func run() throws {
        let (classification, entries) = try CommandFailure.reporting("check") {
            (
                try self.classifier.classification(),
                try MessageFiles.entries(under: self.paths)
            )
        }
        var anyMarketing = false
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for entry in entries {
            let verdict = classification.classify(entry.bytes)
            anyMarketing = anyMarketing || verdict.isMarketing
            if self.json {
                let line = try encoder.encode(CheckRecord(file: entry.name, verdict: verdict))
                print(String(decoding: line, as: UTF8.self))
            } else {
                print(VerdictText.render(verdict, name: entry.name))
            }
        }
        if anyMarketing {
            throw ExitStatus.answeredNo.exit
        }
    }
}
