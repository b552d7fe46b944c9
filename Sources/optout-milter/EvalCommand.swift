import ArgumentParser
import Foundation
import MailCorpus

/// `optout-milter eval`: measure the classifier against a labelled archive.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the marketing classifier against labelled messages.",
        discussion: """
            Reads a labels CSV whose header names at least the columns file and label, optionally \
            mixed and borderline (1/true/yes), classifies every listed message and compares. \
            Labels are marketing, service, other and scam. The task is binary: marketing against \
            service+other; scam rows (phishing, fraud: neither marketing nor service) are excluded \
            and counted separately.

            Prints the confusion matrix with precision and recall for all rows, the same for the \
            non-borderline rows (judgement calls removed), the recall on mixed=1 rows (service \
            or discussion mail that carries a promotional element: under the UK ICO test these are \
            marketing), the number of service-labelled messages flagged, and every misclassified \
            file with its strongest hits.

            Run it on your own archive, labelled by a person, before switching the milter from \
            monitor to enforce mode; tune with a rule file (--rules) rather than by editing mail.

            With --json, prints one JSON object with keys precision, recall, mixed_recall, counts \
            (all rows), non_borderline, service_flagged, excluded and misclassified.

            \(ExitStatus.section(success: "the evaluation completed (whatever the figures)"))

            EXAMPLE
              optout-milter eval --labels corpus/labels.csv --root corpus
            """
    )

    @Option(name: .long, help: ArgumentHelp("The labels CSV (file,label[,mixed][,borderline]).", valueName: "FILE.csv"))
    var labels: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Directory the file column is relative to (default: the CSV's directory).",
            valueName: "DIR"
        )
    )
    var root: String?

    @OptionGroup var classifier: ClassifierOptions

    @Flag(name: .long, help: "Print the figures as one JSON object.")
    var json = false

    @Option(name: .long, help: "Hits shown per misclassified file.")
    var topHits = 4

    func run() throws {
        let report = try CommandFailure.reporting("eval") { try self.evaluate() }
        if self.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.rendered(topHits: self.topHits))
        }
    }

    private func evaluate() throws -> EvalReport {
        let corpus = try LabelledCorpus(contentsOfFile: self.labels)
        let classification = try self.classifier.classification()
        return try EvalReport(
            evaluating: corpus,
            root: self.root ?? LabelledCorpus.defaultRoot(forLabelsFile: self.labels),
            classification: classification
        )
    }
}
