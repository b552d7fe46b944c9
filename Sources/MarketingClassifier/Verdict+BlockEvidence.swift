extension Verdict {
    /// A block of the message that promotes on its own: the evidence of a `mixed` verdict.
    ///
    /// Service evidence (a receipt, a login code) never lowers a block's score, so a promotion inside a
    /// service mail stays visible here whatever surrounds it.
    public struct BlockEvidence: Sendable, Hashable, Codable {
        /// Index of the text part in ``MailScanner/ScannedMessage/textParts``.
        public var part: Int
        /// Index of the block in that part's `blocks`.
        public var block: Int
        /// UTF-8 offset of the block in the part's text.
        public var offset: Int
        /// The block's text (and image alt text), on one line, clipped.
        public var excerpt: String
        /// The block's own score, in the units of ``Verdict/score``.
        public var score: Double
        /// The promoting rules that fired in the block, strongest first, with what each counted for.
        public var hits: [Hit]

        public init(part: Int, block: Int, offset: Int, excerpt: String, score: Double, hits: [Hit]) {
            self.part = part
            self.block = block
            self.offset = offset
            self.excerpt = excerpt
            self.score = score
            self.hits = hits
        }
    }
}
