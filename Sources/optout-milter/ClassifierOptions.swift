import ArgumentParser
import MailCorpus

/// `--rules` and `--model`, shared by `check` and `eval`: which rule pack and which learnt weights
/// classify, the same choice the milter's `classifier.rules` and `classifier.model` make.
struct ClassifierOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A YAML rule file to use instead of the built-in pack.", valueName: "FILE"))
    var rules: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Weigh the rules with a learnt model (from 'optout-milter train'); 'builtin' for the shipped one.",
            valueName: "MODEL.json"
        )
    )
    var model: String?

    /// The rule pack and model these options name, loaded.
    func classification() throws -> MessageClassification {
        try MessageClassification(rulesFile: self.rules, modelFile: self.model)
    }
}
