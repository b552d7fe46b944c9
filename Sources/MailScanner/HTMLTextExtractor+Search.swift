extension HTMLTextExtractor {
    /// Index of `needle` at or after `from`.
    static func find(_ html: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let length = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0]
        var index = from
        while index + length <= html.count {
            if html[index] == first {
                var matches = true
                for offset in 1..<length where html[index + offset] != needle.utf8Start[offset] {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return nil
    }

    /// The index after the next `byte` at or after `from`, or the end.
    static func skipPast(_ html: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int {
        var index = from
        while index < html.count {
            if html[index] == byte { return index + 1 }
            index += 1
        }
        return html.count
    }

    /// The index after `</name ...>` (name compared case-insensitively), or the end.
    static func findEndTag(_ html: UnsafeBufferPointer<UInt8>, _ name: StaticString, from: Int) -> Int {
        let length = name.utf8CodeUnitCount
        var index = from
        while index + 2 + length <= html.count {
            if html[index] == UInt8(ascii: "<") && html[index + 1] == UInt8(ascii: "/") {
                var matches = true
                for offset in 0..<length where lowercasedASCII(html[index + 2 + offset]) != name.utf8Start[offset] {
                    matches = false
                    break
                }
                let after = index + 2 + length
                if matches && (after == html.count || isTagNameEnd(html[after])) {
                    return skipPast(html, UInt8(ascii: ">"), from: after)
                }
            }
            index += 1
        }
        return html.count
    }
}
