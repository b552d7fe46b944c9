/// Short, single-line evidence strings for verdicts: what matched plus a little context.
enum Excerpt {
    /// Bytes of context kept on each side of a match.
    static let context = 40
    /// Longest excerpt, in characters.
    static let maxCharacters = 120

    /// The match at `range` (UTF-8 offsets) in `text`, with context.
    static func around(_ range: Range<Int>, in text: String) -> String {
        var text = text
        return text.withUTF8 { Self.around(range, in: $0) }
    }

    /// The match at `range` in `buffer` (valid UTF-8), with context, cut on character boundaries.
    static func around(_ range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> String {
        var lower = max(0, range.lowerBound - Self.context)
        var upper = min(buffer.count, range.upperBound + Self.context)
        // Never start or end inside a multi-byte sequence.
        while lower > 0 && buffer[lower] & 0xC0 == 0x80 { lower -= 1 }
        while upper < buffer.count && buffer[upper] & 0xC0 == 0x80 { upper += 1 }
        var excerpt = Self.clip(UnsafeBufferPointer(rebasing: buffer[lower..<upper]))
        if lower > 0 { excerpt = "…" + excerpt }
        if upper < buffer.count { excerpt += "…" }
        return excerpt
    }

    /// `text` on one line (runs of white space collapsed), at most ``maxCharacters`` long.
    static func clip(_ text: String) -> String {
        var text = text
        return text.withUTF8 { Self.clip($0) }
    }

    /// Works on bytes: evidence is built for every hit of every message, and walking grapheme
    /// clusters with Unicode white-space properties cost more than the rules themselves.
    static func clip(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(min(bytes.count, Self.maxCharacters * 2))
        var pendingSpace = false
        var scalars = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // ASCII white space and NO-BREAK SPACE (C2 A0) collapse to one space.
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !result.isEmpty
                index += 1
                continue
            }
            if byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0 {
                pendingSpace = !result.isEmpty
                index += 2
                continue
            }
            if byte & 0xC0 != 0x80 {
                if pendingSpace {
                    result.append(0x20)
                    scalars += 1
                    pendingSpace = false
                }
                if scalars >= Self.maxCharacters {
                    return String(decoding: result, as: UTF8.self) + "…"
                }
                scalars += 1
            }
            result.append(byte)
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
