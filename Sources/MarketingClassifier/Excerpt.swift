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
        let slice = UnsafeBufferPointer(rebasing: buffer[lower..<upper])
        var excerpt = Self.clip(String(decoding: slice, as: UTF8.self))
        if lower > 0 { excerpt = "…" + excerpt }
        if upper < buffer.count { excerpt += "…" }
        return excerpt
    }

    /// `text` on one line (runs of white space collapsed), at most ``maxCharacters`` long.
    static func clip(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(min(text.utf8.count, Self.maxCharacters))
        var pendingSpace = false
        var count = 0
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                count += 1
                pendingSpace = false
            }
            if count >= Self.maxCharacters {
                result.append("…")
                break
            }
            result.append(character)
            count += 1
        }
        return result
    }
}
