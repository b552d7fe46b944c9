/// Visible text as a reader sees it: runs of white space collapsed to one space, line breaks from block
/// elements (at most one blank line in a row), invisible characters (zero-width joiners, soft hyphens,
/// byte-order marks, the combining grapheme joiner used as preheader padding) dropped.
struct TextBuilder: Sendable {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    private var pendingNewlines = 0
    let maxBytes: Int

    init(maxBytes: Int, reserve: Int = 0) {
        self.maxBytes = maxBytes
        self.bytes.reserveCapacity(min(reserve, maxBytes))
    }

    var isEmpty: Bool { self.bytes.isEmpty }

    /// A blank line is pending: the next text starts a new paragraph.
    var endsParagraph: Bool { self.pendingNewlines >= 2 }

    /// Requests a line break (block elements): `count` 1 for a new line, 2 for a blank line.
    mutating func lineBreak(_ count: Int) {
        guard !self.bytes.isEmpty else { return }
        self.pendingNewlines = max(self.pendingNewlines, count)
        self.pendingSpace = false
    }

    /// `<br>`: each one counts, up to a blank line.
    mutating func forcedBreak() {
        guard !self.bytes.isEmpty else { return }
        self.pendingNewlines = min(2, self.pendingNewlines + 1)
        self.pendingSpace = false
    }

    mutating func space() {
        if !self.bytes.isEmpty && self.pendingNewlines == 0 { self.pendingSpace = true }
    }

    /// Appends UTF-8 text, collapsing white space.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            if byte < 0x80 {
                if byte <= 0x20 {
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C { self.space() }
                    index += 1
                    continue
                }
                // A run of visible ASCII.
                var end = index + 1
                while end < count && text[end] > 0x20 && text[end] < 0x80 { end += 1 }
                self.flushPending()
                let room = self.maxBytes - self.bytes.count
                if room > 0 {
                    self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<min(end, index + room)]))
                }
                index = end
                continue
            }
            // A multi-byte sequence: look for the invisible ones.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            let end = min(count, index + length)
            let sequence = UnsafeBufferPointer(rebasing: text[index..<end])
            if Self.isSpaceSequence(sequence) {
                self.space()
            } else if !Self.isInvisibleSequence(sequence) {
                self.flushPending()
                if self.bytes.count + sequence.count <= self.maxBytes { self.bytes.append(contentsOf: sequence) }
            }
            index = end
        }
    }

    mutating func appendScalar(_ scalar: UInt32) {
        var utf8: [UInt8] = []
        appendUTF8(scalar, to: &utf8)
        utf8.withUnsafeBufferPointer { self.append($0) }
    }

    private mutating func flushPending() {
        if self.pendingNewlines > 0 {
            if !self.bytes.isEmpty && self.bytes.count + 2 <= self.maxBytes {
                for _ in 0..<self.pendingNewlines { self.bytes.append(0x0A) }
            }
            self.pendingNewlines = 0
            self.pendingSpace = false
        } else if self.pendingSpace {
            if self.bytes.count < self.maxBytes { self.bytes.append(0x20) }
            self.pendingSpace = false
        }
    }

    /// U+00A0, U+2000-U+200A, U+202F, U+205F, U+3000: spaces.
    private static func isSpaceSequence(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        if s.count == 2 { return s[0] == 0xC2 && s[1] == 0xA0 }
        if s.count == 3 && s[0] == 0xE2 && s[1] == 0x80 { return s[2] <= 0x8A || s[2] == 0xAF }
        if s.count == 3 && s[0] == 0xE2 && s[1] == 0x81 { return s[2] == 0x9F }
        if s.count == 3 && s[0] == 0xE3 && s[1] == 0x80 { return s[2] == 0x80 }
        return false
    }

    /// U+00AD, U+034F, U+200B-U+200F, U+2060-U+2064, U+FEFF: characters that render as nothing.
    private static func isInvisibleSequence(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        if s.count == 2 { return (s[0] == 0xC2 && s[1] == 0xAD) || (s[0] == 0xCD && s[1] == 0x8F) }
        guard s.count == 3 else { return false }
        if s[0] == 0xE2 && s[1] == 0x80 { return s[2] >= 0x8B && s[2] <= 0x8F }
        if s[0] == 0xE2 && s[1] == 0x81 { return s[2] >= 0xA0 && s[2] <= 0xA4 }
        return s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF
    }

    /// The text, trailing white space removed.
    func string() -> String {
        var end = self.bytes.count
        while end > 0 && (self.bytes[end - 1] == 0x20 || self.bytes[end - 1] == 0x0A) { end -= 1 }
        return String(decoding: self.bytes[0..<end], as: UTF8.self)
    }
}
