import Foundation
import MarketingClassifier

/// Builds the classifier a configuration names: the built-in pack or a rule file, with the
/// configured threshold.
enum ClassifierLoader {
    static func load(_ configuration: OptOutMilterConfiguration) throws -> MarketingClassifier {
        var rules = CompiledRuleSet.builtin()
        if let path = configuration.classifierRules {
            let yaml: String
            do {
                yaml = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigurationError(file: path, line: nil, message: "cannot read the rule file: \(error)")
            }
            rules = try CompiledRuleSet.load(yaml: yaml, name: path)
        }
        if let threshold = configuration.classifierThreshold, threshold != rules.threshold {
            rules = try CompiledRuleSet(
                rules: rules.rules,
                groups: Array(rules.groups.values),
                threshold: threshold,
                categoryHeader: rules.categoryHeader,
                source: rules.source
            )
        }
        return MarketingClassifier(rules: rules)
    }
}
