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
        var blockLogits: [Double] = []
        var blocks: [Verdict.BlockEvidence] = []
        for (block, fired) in evidence.blockHits() {
            let ids = fired.map { rules.rules[$0.rule].id }
            let logit = self.blockLogit(ids, fallback: fallback)
            blockLogits.append(logit)
            let score = Self.evenOdds + logit
            guard score >= threshold else { continue }
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
            let reference = evidence.blocks[block]
            blocks.append(
                Verdict.BlockEvidence(
                    part: reference.part,
                    block: reference.index,
                    offset: reference.block.offset,
                    excerpt: evidence.excerpt(of: block),
                    score: Self.rounded(score),
                    hits: PointScoring.strongestFirst(blockHits)
                )
            )
        }
        blocks.sort { $0.score > $1.score }
        let combined = Self.combinedLogit(message: messageLogit, blocks: blockLogits)
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
