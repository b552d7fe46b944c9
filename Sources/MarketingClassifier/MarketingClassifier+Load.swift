import Foundation

extension MarketingClassifier {
    /// The classifier the daemon and the CLI run: a rule file (nil: the built-in pack) weighed by a model.
    ///
    /// - `modelPath` nil: the rules' own scores and group caps (by grouped cross-validation on the
    ///   development corpus they still beat the shipped model; docs/RULES.md has both sets of figures);
    /// - ``shippedModelName`` (`"builtin"`): the model shipped in the binary;
    /// - any other value: a model file written by `optout-milter train`.
    ///
    /// `threshold` nil keeps the default (the rule set's threshold, or even odds with a model). Reads
    /// files once, here; the result does no I/O per message. Call it at start-up and on reload, and
    /// keep the previous classifier when it throws.
    public static func load(
        rulesPath: String?,
        modelPath: String?,
        threshold: Double?
    ) throws(ClassifierLoadError) -> MarketingClassifier {
        if let threshold, !threshold.isFinite { throw ClassifierLoadError.invalidThreshold(threshold) }
        let rules: CompiledRuleSet
        if let rulesPath {
            let yaml = try Self.read(rulesPath)
            do {
                rules = try CompiledRuleSet.load(yaml: String(decoding: yaml, as: UTF8.self), name: rulesPath)
            } catch {
                throw ClassifierLoadError.invalidRules(error)
            }
        } else {
            rules = .builtin()
        }
        switch modelPath {
        case nil:
            return MarketingClassifier(rules: rules, threshold: threshold)
        case Self.shippedModelName:
            return MarketingClassifier(rules: rules, model: .shipped, threshold: threshold)
        case let path?:
            return MarketingClassifier(
                rules: rules,
                model: try ScoringModel.decode(try Self.read(path), name: path),
                threshold: threshold
            )
        }
    }

    /// The `modelPath` (and `--model`, `classifier.model`) value that selects the shipped model.
    public static let shippedModelName = "builtin"

    /// The built-in pack weighed by the shipped model.
    public static func standard() -> MarketingClassifier {
        MarketingClassifier(rules: .builtin(), model: .shipped)
    }

    private static func read(_ path: String) throws(ClassifierLoadError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ClassifierLoadError.unreadable(file: path, reason: error.localizedDescription)
        }
    }
}
