import Foundation
import MailScanner
import MarketingClassifier

/// Scan plus classify for the command-line tools, with the envelope a file can tell.
public struct MessageClassification {
    /// The classifier built from the rules in force.
    public let classifier: MarketingClassifier

    /// Loads `--rules FILE` when given, else the built-in pack, weighed by `--model FILE` when given
    /// (`builtin`: the model shipped in the binary), else by the rules' own scores.
    public init(rulesFile: String?, modelFile: String?) throws {
        if let modelFile {
            self.init(
                classifier: try MarketingClassifier.load(
                    rulesPath: rulesFile,
                    modelPath: modelFile,
                    threshold: nil
                )
            )
            return
        }
        try self.init(rulesFile: rulesFile)
    }

    /// Classifies with `classifier` as given.
    public init(classifier: MarketingClassifier) {
        self.classifier = classifier
    }

    /// Loads `--rules FILE` when given, else the built-in pack.
    public init(rulesFile: String?) throws {
        guard let rulesFile else {
            self.classifier = MarketingClassifier(rules: .builtin())
            return
        }
        let yaml: String
        do {
            yaml = try String(contentsOfFile: rulesFile, encoding: .utf8)
        } catch {
            throw MessageFilesError(path: rulesFile, reason: "cannot read rule file")
        }
        self.classifier = MarketingClassifier(rules: try CompiledRuleSet.load(yaml: yaml, name: rulesFile))
    }

    /// Scans `bytes` as the milter would and classifies the result.
    public func classify(_ bytes: [UInt8]) -> Verdict {
        let message = MessageScanner.scan(bytes)
        // A file has no SMTP session; Return-Path is where the delivering MTA recorded MAIL FROM.
        let returnPath = message.header("Return-Path")?.value
            .trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        return self.classifier.classify(message, envelope: Envelope(mailFrom: returnPath))
    }
}
