extension ScannedMessage {
    /// One block of what a reader sees: an HTML block element or table cell, or a plain-text paragraph.
    ///
    /// Promotions sit in blocks of their own inside service mail (a loyalty banner under a receipt, a
    /// "buy it again" row under a shipping notice), so the classifier scores each block on its own as
    /// well as the message as a whole. A block holds the links and images that appear in it: link text
    /// is part of ``text``, and image alt text (banners are images) is in ``altText``.
    public struct TextBlock: Sendable, Hashable, Codable {
        /// The block's visible text, white space collapsed.
        public var text: String
        /// Alt text of the block's images, joined by " / ".
        public var altText: String
        /// UTF-8 offset of ``text`` in its part's `text`.
        public var offset: Int
        /// Indexes into ``ScannedMessage/links`` of the links that start in this block.
        public var links: [Int]
        /// Indexes into ``ScannedMessage/images`` of the images in this block.
        public var images: [Int]

        public init(text: String, altText: String = "", offset: Int, links: [Int] = [], images: [Int] = []) {
            self.text = text
            self.altText = altText
            self.offset = offset
            self.links = links
            self.images = images
        }

        /// UTF-8 length of ``text``: the block covers `offset ..< offset + length` of its part's text.
        public var length: Int { self.text.utf8.count }

        /// The block's text and its images' alt text, as one string for display.
        public var fullText: String {
            self.altText.isEmpty ? self.text : self.text.isEmpty ? self.altText : self.text + " / " + self.altText
        }
    }
}
