import MailScanner

/// Classifies scanned messages as marketing or not, with the rules and blocks that decided it.
///
/// A value type over an immutable ``CompiledRuleSet`` and, optionally, a learnt ``ScoringModel``: share
/// one instance across every milter thread; each call allocates its own PCRE2 match scratch and does no
/// I/O. A message is marketing when its message-level evidence says so **or** when one of its blocks
/// promotes on its own; service evidence lowers the first and never the second.
public struct MarketingClassifier: Sendable {
    public let rules: CompiledRuleSet
    /// Learnt weights for the rules' hits; nil: the rules' own scores and group caps.
    public let model: ScoringModel?
    /// Score at or above which a message (or one block) is marketing, in the units of ``Verdict/score``.
    public let threshold: Double

    /// Scores with the rules' own points (no learnt model), at the rule set's threshold.
    public init(rules: CompiledRuleSet = .builtin()) {
        self.init(rules: rules, threshold: nil)
    }

    /// Scores with the rules' own points at `threshold` (nil: the rule set's).
    public init(rules: CompiledRuleSet, threshold: Double?) {
        self.rules = rules
        self.model = nil
        self.threshold = threshold ?? rules.threshold
    }

    /// Weighs the rules' hits with `model`; `threshold` defaults to ``ScoringModel/evenOdds`` (even odds).
    public init(rules: CompiledRuleSet, model: ScoringModel, threshold: Double? = nil) {
        self.rules = rules
        self.model = model
        self.threshold = threshold ?? ScoringModel.evenOdds
    }

    /// Evaluates every rule against `message` and weighs the evidence, per message and per block.
    public func classify(_ message: ScannedMessage, envelope: Envelope = Envelope()) -> Verdict {
        self.classify(message, envelope: envelope, prefilter: true)
    }

    /// `prefilter: false` runs every rule; tests use it to prove the prefilter changes nothing.
    func classify(_ message: ScannedMessage, envelope: Envelope, prefilter: Bool) -> Verdict {
        let evidence = self.evidence(message, envelope: envelope, prefilter: prefilter)
        if let model = self.model {
            return model.verdict(evidence, rules: self.rules, threshold: self.threshold)
        }
        return PointScoring.verdict(evidence, rules: self.rules, threshold: self.threshold)
    }

    /// Which rules fired, for the message and for each block: what scoring and training read.
    func evidence(_ message: ScannedMessage, envelope: Envelope, prefilter: Bool = true) -> Evidence {
        var evaluator = RuleEvaluator(
            message: message,
            envelope: envelope,
            categoryHeader: self.rules.categoryHeader,
            prefilter: prefilter && self.rules.needsBody ? self.rules.prefilter : nil
        )
        var outcomes: [Evidence.Fired] = []
        for (index, rule) in self.rules.rules.enumerated() {
            if let outcome = evaluator.evaluate(rule, mode: prefilter ? self.rules.prefilter.modes[index] : .always) {
                outcomes.append(Evidence.Fired(rule: index, outcome: outcome))
            }
        }
        return Evidence(fired: outcomes, blocks: evaluator.blocks, declaredCategory: evaluator.declaredCategory)
    }

    /// The rule ids that fired in `message` and in each of its blocks (only blocks where some
    /// promoting rule fired): the features a ``ScoringModel`` is trained on.
    public func features(_ message: ScannedMessage, envelope: Envelope = Envelope()) -> ModelFeatures {
        let evidence = self.evidence(message, envelope: envelope)
        var blocks: [Int: [String]] = [:]
        for fired in evidence.fired {
            for block in fired.outcome.blocks { blocks[block.block, default: []].append(fired.outcome.hit.ruleID) }
        }
        return ModelFeatures(
            message: evidence.fired.map(\.outcome.hit.ruleID),
            blocks: blocks.keys.sorted().map { blocks[$0] ?? [] }
        )
    }
}

/// What fired in one message, before any weighing.
struct Evidence {
    struct Fired {
        /// Index into ``CompiledRuleSet/rules``.
        var rule: Int
        var outcome: RuleOutcome
    }

    var fired: [Fired]
    var blocks: [BlockReference]
    var declaredCategory: String?

    /// Per block that some promoting rule fired in: the block and what fired there, in rule order.
    func blockHits() -> [(block: Int, hits: [(rule: Int, hit: RuleOutcome.BlockHit)])] {
        var table: [Int: [(rule: Int, hit: RuleOutcome.BlockHit)]] = [:]
        for fired in self.fired {
            for hit in fired.outcome.blocks { table[hit.block, default: []].append((fired.rule, hit)) }
        }
        return table.keys.sorted().map { ($0, table[$0] ?? []) }
    }

    /// The block's text on one line, for a verdict.
    func excerpt(of block: Int) -> String {
        Excerpt.clip(self.blocks[block].block.fullText)
    }

    /// What a verdict says of `block` when it is named as evidence: where it is, an excerpt, its
    /// score and its hits, strongest first.
    func blockEvidence(_ block: Int, score: Double, hits: [Verdict.Hit]) -> Verdict.BlockEvidence {
        let reference = self.blocks[block]
        return Verdict.BlockEvidence(
            part: reference.part,
            block: reference.index,
            offset: reference.block.offset,
            excerpt: self.excerpt(of: block),
            score: score,
            hits: PointScoring.strongestFirst(hits)
        )
    }
}

/// The rule ids a message's evidence is made of, for training: the whole message and each block.
public struct ModelFeatures: Sendable, Hashable, Codable {
    /// Every rule that fired anywhere in the message.
    public var message: [String]
    /// Per block where a promoting rule fired: those rules.
    public var blocks: [[String]]

    public init(message: [String], blocks: [[String]]) {
        self.message = message
        self.blocks = blocks
    }
}
