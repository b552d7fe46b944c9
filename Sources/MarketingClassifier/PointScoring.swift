import MailScanner

/// Scoring with the rules' own points: hits summed with group caps, per message and per block.
enum PointScoring {
    static func verdict(_ evidence: Evidence, rules: CompiledRuleSet, threshold: Double) -> Verdict {
        let hits = evidence.fired.map(\.outcome.hit)
        let (messageScore, caps) = Self.total(hits, groups: rules.groups)
        var blocks: [Verdict.BlockEvidence] = []
        for (block, fired) in evidence.blockHits() {
            let blockHits = fired.map { entry in
                let rule = rules.rules[entry.rule]
                return Verdict.Hit(
                    ruleID: rule.id,
                    description: rule.description,
                    score: rule.score * Double(entry.hit.count),
                    count: entry.hit.count,
                    group: rule.group,
                    evidence: entry.hit.evidence
                )
            }
            // Promoting evidence only: a negative promoting rule (a site's odd choice) cannot lower a block.
            let score = max(0, Self.total(blockHits, groups: rules.groups).score)
            guard score >= threshold else { continue }
            blocks.append(evidence.blockEvidence(block, score: score, hits: blockHits))
        }
        blocks.sort { $0.score > $1.score }
        return Verdict(
            score: max(messageScore, blocks.first?.score ?? -.infinity),
            threshold: threshold,
            hits: Self.strongestFirst(hits),
            cappedGroups: caps,
            declaredCategory: evidence.declaredCategory,
            messageScore: messageScore,
            blocks: blocks
        )
    }

    /// Sum with group caps, rounded so that "5.0" really is at the threshold.
    static func total(_ hits: [Verdict.Hit], groups: [String: RuleGroup]) -> (score: Double, caps: [Verdict.GroupCap]) {
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
            let counted = groups[name]?.clamp(raw) ?? raw
            if counted != raw { caps.append(Verdict.GroupCap(group: name, raw: raw, counted: counted)) }
            total += counted
        }
        return ((total * 1000).rounded() / 1000, caps)
    }

    /// Strongest first by absolute score; ties keep rule order.
    static func strongestFirst(_ hits: [Verdict.Hit]) -> [Verdict.Hit] {
        hits.enumerated().sorted { lhs, rhs in
            abs(lhs.element.score) != abs(rhs.element.score)
                ? abs(lhs.element.score) > abs(rhs.element.score) : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
