import MailScanner

extension ScoringModel {
    /// Weighs `evidence` into a verdict: hits carry their learnt weights, blocks their own scores.
    func verdict(_ evidence: Evidence, rules: CompiledRuleSet, threshold: Double) -> Verdict {
        let fallback: (String) -> Double = { id in rules.rules.first { $0.id == id }?.score ?? 0 }
        var hits: [Verdict.Hit] = []
        for fired in evidence.fired {
            var hit = fired.outcome.hit
            hit.score = self.weights[hit.ruleID] ?? rules.rules[fired.rule].score
            hits.append(hit)
        }
        let messageLogit = self.messageLogit(hits.map(\.ruleID), fallback: fallback)
        let blockHits = evidence.blockHits()
        let blockLogits = blockHits.map { entry in
            self.blockLogit(entry.hits.map { rules.rules[$0.rule].id }, fallback: fallback)
        }
        let combined = Self.combinedLogit(message: messageLogit, blocks: blockLogits)
        // Blocks that promote on their own; when none does but the blocks together tipped the verdict
        // (the message alone would not be marketing), the strongest block is named as the evidence.
        var named = Set(blockLogits.indices.filter { Self.evenOdds + blockLogits[$0] >= threshold })
        if named.isEmpty, Self.evenOdds + combined >= threshold, Self.evenOdds + messageLogit < threshold,
            let strongest = blockLogits.indices.max(by: { blockLogits[$0] < blockLogits[$1] })
        {
            named.insert(strongest)
        }
        var blocks: [Verdict.BlockEvidence] = []
        for position in named.sorted() {
            let (block, fired) = blockHits[position]
            let score = Self.evenOdds + blockLogits[position]
            let blockHits = fired.map { entry in
                let rule = rules.rules[entry.rule]
                return Verdict.Hit(
                    ruleID: rule.id,
                    description: rule.description,
                    score: max(0, self.blockWeights[rule.id] ?? rule.score),
                    count: entry.hit.count,
                    group: rule.group,
                    evidence: entry.hit.evidence
                )
            }
            blocks.append(evidence.blockEvidence(block, score: Self.rounded(score), hits: blockHits))
        }
        blocks.sort { $0.score > $1.score }
        return Verdict(
            score: Self.rounded(Self.evenOdds + combined),
            threshold: threshold,
            hits: PointScoring.strongestFirst(hits),
            declaredCategory: evidence.declaredCategory,
            messageScore: Self.rounded(Self.evenOdds + messageLogit),
            blocks: blocks,
            model: self.manifest.name
        )
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
