import ArgumentParser
import Foundation
import MailCorpus
import MailScanner
import MarketingClassifier

/// `optout-milter train`: learn the classifier's weights from a labelled archive.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Learn the marketing classifier's weights from labelled messages.",
        discussion: """
            Reads the same labels CSV as eval (file,label[,mixed][,borderline]), runs the rules on \
            every message and fits a regularised logistic regression over which rules fired, for the \
            message as a whole and for each block (see docs/RULES.md). Scam rows are left out.

            Before writing the model it measures it by grouped cross-validation: folds are built from \
            sender domains, so no sender is on both sides, and every message is scored by a model that \
            never saw it. It prints the confusion matrix, precision and recall (non-borderline rows), \
            mixed recall and service mail flagged, for the learnt weights and for the rules' own scores \
            on the same rows. The figures go into the model's manifest.

            Load the model with --model on check and eval, or classifier.model in the configuration.

            Example:
              optout-milter train --labels corpus/labels.csv --root corpus --out site-model.json
            """
    )

    @Option(name: .long, help: ArgumentHelp("The labels CSV (file,label[,mixed][,borderline]).", valueName: "FILE.csv"))
    var labels: String

    @Option(name: .long, help: ArgumentHelp("Directory the file column is relative to.", valueName: "DIR"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp("Where to write the model (JSON).", valueName: "MODEL.json"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("A YAML rule file whose hits are the features.", valueName: "FILE"))
    var rules: String?

    @Option(name: .long, help: "Cross-validation folds (0: none).")
    var folds = 10

    @Option(name: .long, help: "L2 penalty per example.")
    var l2 = TrainingParameters().l2

    @Option(name: .long, help: "Highest block intercept (log-odds) training may reach.")
    var maxBlockBias = TrainingParameters().maxBlockBias

    @Option(name: .long, help: "Gradient steps.")
    var iterations = TrainingParameters().iterations

    @Option(
        name: .long,
        help: ArgumentHelp("Also write the model as the Swift source shipped in the binary.", valueName: "FILE.swift")
    )
    var swiftOut: String?

    @Flag(name: .long, help: "List every non-borderline message the held-out folds got wrong, with its rules.")
    var showErrors = false

    @Option(name: .long, help: "A name for the model's manifest.")
    var name = "site model"

    func run() throws {
        try CommandFailure.reporting("train") { try self.train() }
    }

    private func train() throws {
        let ruleSet = try MarketingClassifier.load(rulesPath: self.rules, modelPath: nil, threshold: nil).rules
        let classifier = MarketingClassifier(rules: ruleSet)
        let corpus = try LabelledCorpus(contentsOfFile: self.labels)
        let root = self.root ?? LabelledCorpus.defaultRoot(forLabelsFile: self.labels)
        var examples: [TrainingExample] = []
        var rows: [LabelledCorpus.Row] = []
        var pointVerdicts: [Bool] = []
        for row in corpus.rows where row.label != .scam {
            let path = LabelledCorpus.path(of: row, root: root)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MessageFilesError(path: path, reason: "cannot read message (labels line \(row.line))")
            }
            let message = MessageScanner.scan([UInt8](data))
            examples.append(
                TrainingExample(
                    features: classifier.features(message),
                    isMarketing: row.label == .marketing,
                    group: SenderGroup.of(message, fallback: row.file)
                )
            )
            rows.append(row)
            pointVerdicts.append(classifier.classify(message).isMarketing)
        }
        let parameters = TrainingParameters(l2: self.l2, iterations: self.iterations, maxBlockBias: self.maxBlockBias)
        let trainer = ModelTrainer(rules: ruleSet, parameters: parameters)
        let counts = Dictionary(grouping: rows, by: \.label).mapValues(\.count)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        var manifest = ModelManifest(
            name: self.name,
            created: formatter.string(from: Date()),
            rules: ruleSet.source,
            data: "\(self.labels): \(rows.count) messages (marketing \(counts[.marketing] ?? 0), "
                + "service \(counts[.service] ?? 0), other \(counts[.other] ?? 0)); scam rows left out",
            examples: rows.count,
            marketingExamples: counts[.marketing] ?? 0,
            parameters: parameters
        )
        if self.folds > 1 {
            let folds = CrossValidation.folds(groups: examples.map(\.group), count: self.folds)
            let logits = CrossValidation.heldOutLogits(examples, folds: folds, trainer: trainer, manifest: manifest)
            let learnt = Self.figures(rows, predicted: logits.map { $0 >= 0 }, folds: self.folds)
            let points = Self.figures(rows, predicted: pointVerdicts, folds: 0)
            print(
                "Grouped \(self.folds)-fold cross-validation by sender domain (\(Set(examples.map(\.group)).count) domains), non-borderline rows, scam excluded:"
            )
            print(Self.render("learnt weights (held-out folds)", learnt))
            print(Self.render("rule scores (no training)", points))
            manifest.crossValidation = learnt
            if self.showErrors {
                for (index, row) in rows.enumerated()
                where !row.borderline && (logits[index] >= 0) != (row.label == .marketing) {
                    let features = examples[index].features
                    print(
                        "  held out, wrong: \(row.file) \(row.label.rawValue)\(row.mixed ? " mixed" : "") "
                            + String(format: "logit %.2f", logits[index])
                            + " rules \(features.message.joined(separator: ","))"
                            + " blocks \(features.blocks.map { $0.joined(separator: "+") })"
                    )
                }
            }
        }
        let model = trainer.train(examples, manifest: manifest)
        let json = try model.encoded()
        if let out = self.out {
            try json.write(to: URL(fileURLWithPath: out))
            print("model written to \(out)")
        }
        if let swiftOut = self.swiftOut {
            try Data(Self.swiftSource(json).utf8).write(to: URL(fileURLWithPath: swiftOut))
            print("Swift source written to \(swiftOut)")
        }
    }

    private static func figures(_ rows: [LabelledCorpus.Row], predicted: [Bool], folds: Int) -> CrossValidationFigures {
        CrossValidationFigures(
            folds: folds,
            zip(rows, predicted).filter { !$0.0.borderline }.map { row, predicted in
                LabelledPrediction(
                    isMarketing: row.label == .marketing,
                    isMixed: row.mixed && row.label == .marketing,
                    isService: row.label == .service,
                    predictedMarketing: predicted
                )
            }
        )
    }

    private static func render(_ title: String, _ figures: CrossValidationFigures) -> String {
        func ratio(_ value: Double) -> String { String(format: "%.3f", value) }
        return """
              \(title):
                                 predicted marketing   predicted not
                marketing        \(String(figures.truePositives).padding(toLength: 22, withPad: " ", startingAt: 0))\(figures.falseNegatives)
                not marketing    \(String(figures.falsePositives).padding(toLength: 22, withPad: " ", startingAt: 0))\(figures.trueNegatives)
                precision \(ratio(figures.precision))  recall \(ratio(figures.recall))  \
            mixed \(figures.mixedCaught)/\(figures.mixed) (\(ratio(figures.mixedRecall)))  \
            service flagged \(figures.serviceFlagged)/\(figures.service)
            """
    }

    private static func swiftSource(_ json: Data) -> String {
        """
        // Generated by `optout-milter train --swift-out`; do not edit by hand.
        /// The default model, trained on the development corpus (see its manifest and docs/RULES.md).
        enum DefaultModel {
            static let name = "built-in model"
            static let json = #\"\"\"
        \(String(decoding: json, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n"))
                \"\"\"#
        }

        """
    }
}

/// The group a message belongs to in cross-validation: its sender's registrable domain.
enum SenderGroup {
    static func of(_ message: ScannedMessage, fallback: String) -> String {
        guard let domain = message.from.first?.domain, !domain.isEmpty else { return "file:" + fallback }
        let labels = domain.split(separator: ".")
        guard labels.count > 2 else { return domain }
        // example.co.uk, example.com.au: three labels when the second-level label is generic.
        let second = labels[labels.count - 2]
        let keep =
            labels.last!.count == 2 && ["co", "com", "org", "net", "ac", "gov", "ne", "or", "gv"].contains(second)
            ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}
