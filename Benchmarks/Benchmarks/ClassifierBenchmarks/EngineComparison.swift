import MarketingClassifier

/// The same patterns for every engine: the built-in pack's text rules.
enum EngineComparison {
    static func textPatternSources() -> [String] {
        CompiledRuleSet.builtin().rules.compactMap { rule in
            if case .text(let pattern, _) = rule.condition { return pattern.source }
            return nil
        }
    }

    /// Swift Regex accepts most PCRE syntax; patterns it rejects are left out (and counted in the name).
    static func swiftRegexes(_ sources: [String]) -> [Regex<AnyRegexOutput>] {
        sources.compactMap { source in
            (try? Regex(source))?.ignoresCase()
        }
    }
}
