import MailScanner

/// What one rule found in one message: its message-level hit and, for a rule that promotes on its own
/// (``Rule/promotes``), the blocks it fired in.
struct RuleOutcome {
    struct BlockHit {
        /// Index into ``RuleEvaluator/blocks``.
        var block: Int
        /// Occurrences in the block, at most the rule's `max_hits`.
        var count: Int
        var evidence: String
    }

    var hit: Verdict.Hit
    var blocks: [BlockHit]
}

/// A visible block of a scanned message and where it sits: text part and block index.
struct BlockReference: Sendable {
    var part: Int
    var index: Int
    var block: ScannedMessage.TextBlock
}
