/// URLs in plain text: `http://`, `https://`, `ftp://` and bare `www.` hosts, ended by white space,
/// quotes or angle brackets, with trailing punctuation (and an unbalanced closing bracket) left out.
enum PlainTextLinkFinder {
    static func links(in text: UnsafeBufferPointer<UInt8>, max limit: Int) -> [ScannedMessage.Link] {
        var links: [ScannedMessage.Link] = []
        var index = 0
        let count = text.count
        while index < count && links.count < limit {
            let byte = text[index] | 0x20
            guard byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "f") else {
                index += 1
                continue
            }
            // Must start a word.
            if index > 0 && (isAlphaNumeric(text[index - 1]) || text[index - 1] == UInt8(ascii: "/")) {
                index += 1
                continue
            }
            guard let start = Self.urlStart(text, at: index) else {
                index += 1
                continue
            }
            var end = start
            while end < count && !Self.endsURL(text[end]) { end += 1 }
            // Trailing punctuation belongs to the sentence.
            while end > start {
                let last = text[end - 1]
                if ".,;:!?'*".utf8.contains(last) {
                    end -= 1
                } else if last == UInt8(ascii: ")") && !Self.contains(text, start..<end, UInt8(ascii: "(")) {
                    end -= 1
                } else if last == UInt8(ascii: "]") && !Self.contains(text, start..<end, UInt8(ascii: "[")) {
                    end -= 1
                } else {
                    break
                }
            }
            if end > start {
                let url = String(decoding: UnsafeBufferPointer(rebasing: text[index..<end]), as: UTF8.self)
                links.append(LinkParser.link(url: url, text: "", source: .plain))
            }
            index = max(end, index + 1)
        }
        return links
    }

    /// The index after the scheme prefix (or at `www.`) when a URL starts at `index`: hand-written
    /// checks, since this runs at every word starting with h, f or w.
    private static func urlStart(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        @inline(__always) func matches(_ literal: StaticString, at position: Int) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard position + length <= text.count else { return false }
            for offset in 0..<length where lowercasedASCII(text[position + offset]) != literal.utf8Start[offset] {
                return false
            }
            return true
        }
        var end: Int
        switch text[index] | 0x20 {
        case UInt8(ascii: "h"):
            guard matches("http", at: index) else { return nil }
            end = index + 4
            if end < text.count && text[end] | 0x20 == UInt8(ascii: "s") { end += 1 }
            guard matches("://", at: end) else { return nil }
            end += 3
        case UInt8(ascii: "f"):
            guard matches("ftp://", at: index) else { return nil }
            end = index + 6
        case UInt8(ascii: "w"):
            guard matches("www.", at: index) else { return nil }
            end = index + 4
        default:
            return nil
        }
        guard end < text.count, !Self.endsURL(text[end]) else { return nil }
        return end
    }

    @inline(__always)
    private static func endsURL(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == 0x7F || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "|")
            || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "^") || byte == UInt8(ascii: "`")
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ byte: UInt8) -> Bool {
        for index in range where text[index] == byte { return true }
        return false
    }
}
