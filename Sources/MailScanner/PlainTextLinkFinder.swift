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

    /// The index after the scheme prefix (or at `www.`) when a URL starts at `index`.
    private static func urlStart(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        for prefix in ["https://", "http://", "ftp://", "www."] as [StaticString] {
            let length = prefix.utf8CodeUnitCount
            guard index + length < text.count else { continue }
            var matches = true
            for offset in 0..<length where lowercasedASCII(text[index + offset]) != prefix.utf8Start[offset] {
                matches = false
                break
            }
            if matches && !Self.endsURL(text[index + length]) { return index + length }
        }
        return nil
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
