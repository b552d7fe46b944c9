import MailScanner

/// Classifies scanned messages as marketing or not, with the rules that decided it.
///
/// A value type over an immutable ``CompiledRuleSet``: share one instance across every milter
/// thread; each call allocates its own PCRE2 match scratch.
public struct MarketingClassifier: Sendable {
    public let rules: CompiledRuleSet

    public init(rules: CompiledRuleSet = .builtin()) {
        self.rules = rules
    }

    /// Evaluates every rule against `message` and sums the evidence.
    public func classify(_ message: ScannedMessage, envelope: Envelope = Envelope()) -> Verdict {
        self.classify(message, envelope: envelope, prefilter: true)
    }

    /// `prefilter: false` runs every rule; tests use it to prove the prefilter changes nothing.
    func classify(_ message: ScannedMessage, envelope: Envelope, prefilter: Bool) -> Verdict {
        var evaluator = RuleEvaluator(
            message: message,
            envelope: envelope,
            categoryHeader: self.rules.categoryHeader,
            prefilter: prefilter && self.rules.needsBody ? self.rules.prefilter : nil
        )
        var hits: [Verdict.Hit] = []
        for (index, rule) in self.rules.rules.enumerated() {
            if let hit = evaluator.evaluate(rule, mode: prefilter ? self.rules.prefilter.modes[index] : .always) {
                hits.append(hit)
            }
        }
        return Self.verdict(hits: hits, rules: self.rules, declaredCategory: evaluator.declaredCategory)
    }

    /// Sums hits with group caps; hits come back strongest first (by absolute score).
    static func verdict(hits: [Verdict.Hit], rules: CompiledRuleSet, declaredCategory: String?) -> Verdict {
        var total = 0.0
        var groupTotals: [String: Double] = [:]
        var groupOrder: [String] = []
        for hit in hits {
            if let group = hit.group {
                if groupTotals[group] == nil { groupOrder.append(group) }
                groupTotals[group, default: 0] += hit.score
            } else {
                total += hit.score
            }
        }
        var caps: [Verdict.GroupCap] = []
        for name in groupOrder {
            let raw = groupTotals[name] ?? 0
            let counted = rules.groups[name]?.clamp(raw) ?? raw
            if counted != raw {
                caps.append(Verdict.GroupCap(group: name, raw: raw, counted: counted))
            }
            total += counted
        }
        let sorted = hits.enumerated().sorted { lhs, rhs in
            abs(lhs.element.score) != abs(rhs.element.score)
                ? abs(lhs.element.score) > abs(rhs.element.score) : lhs.offset < rhs.offset
        }.map(\.element)
        // Round away floating-point dust so "5.0" really is at the threshold.
        let score = (total * 1000).rounded() / 1000
        return Verdict(
            score: score,
            threshold: rules.threshold,
            hits: sorted,
            cappedGroups: caps,
            declaredCategory: declaredCategory
        )
    }
}
