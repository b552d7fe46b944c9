import MarketingClassifier

/// Builds the classifier a configuration names: the built-in pack or a rule file, weighed by the
/// rules' own scores or by a trained model, with the configured threshold.
enum ClassifierLoader {
    static func load(_ configuration: OptOutMilterConfiguration) throws -> MarketingClassifier {
        try MarketingClassifier.load(
            rulesPath: configuration.classifierRules,
            modelPath: configuration.classifierModel,
            threshold: configuration.classifierThreshold
        )
    }
}
