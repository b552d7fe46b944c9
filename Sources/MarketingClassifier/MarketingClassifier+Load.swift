import Foundation

extension MarketingClassifier {
    /// The classifier the daemon and the CLI run: a rule file (nil: the built-in pack) weighed by a model
    /// file (nil: the model shipped in the binary), at `threshold` (nil: even odds, ``ScoringModel/evenOdds``).
    ///
    /// Reads files once, here; the result does no I/O per message. Call it at start-up and on reload, and
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
        let model: ScoringModel
        if let modelPath {
            model = try ScoringModel.decode(try Self.read(modelPath), name: modelPath)
        } else {
            model = ScoringModel.shipped
        }
        return MarketingClassifier(rules: rules, model: model, threshold: threshold)
    }

    /// The built-in pack weighed by the shipped model: what `load(rulesPath: nil, modelPath: nil, threshold: nil)` returns.
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
