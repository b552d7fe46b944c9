/// One start or end tag, its name packed and lowercased, the few attributes the scanner reads kept as
/// ranges into the source (decoded only when asked).
struct HTMLTag {
    enum Attribute: Int, CaseIterable {
        case href, src, alt, width, height, type
    }

    var name: PackedName
    var isEnd = false
    var selfClosing = false
    /// Index just after the tag's `>` (or the end of the input).
    var end: Int
    var hasHiddenAttribute = false
    var style: UnsafeBufferPointer<UInt8>?
    private var source: UnsafeBufferPointer<UInt8>
    // One stored range per attribute read (no array: a tag must not allocate).
    private var href: Range<Int>?
    private var src: Range<Int>?
    private var alt: Range<Int>?
    private var width: Range<Int>?
    private var height: Range<Int>?
    private var type: Range<Int>?

    /// The decoded value of an attribute, white space trimmed.
    func attribute(_ attribute: Attribute) -> String? {
        guard let range = self.range(attribute) else { return nil }
        return HTMLCharacterReference.decodeAttribute(UnsafeBufferPointer(rebasing: self.source[range]))
    }

    private func range(_ attribute: Attribute) -> Range<Int>? {
        switch attribute {
        case .href: self.href
        case .src: self.src
        case .alt: self.alt
        case .width: self.width
        case .height: self.height
        case .type: self.type
        }
    }

    /// Parses from the first letter of the name.
    static func parse(_ html: UnsafeBufferPointer<UInt8>, at start: Int) -> HTMLTag {
        let count = html.count
        var index = start
        while index < count && !isTagNameEnd(html[index]) { index += 1 }
        let name = PackedName(lowercasing: UnsafeBufferPointer(rebasing: html[start..<index]))
        var tag = HTMLTag(name: name, end: count, source: html)
        while index < count {
            let byte = html[index]
            if isWhiteSpace(byte) {
                index += 1
                continue
            }
            if byte == UInt8(ascii: ">") {
                tag.end = index + 1
                return tag
            }
            if byte == UInt8(ascii: "/") {
                if index + 1 < count && html[index + 1] == UInt8(ascii: ">") { tag.selfClosing = true }
                index += 1
                continue
            }
            // Attribute name (a leading `=` is part of it, as in the HTML tokenizer).
            let nameStart = index
            index += 1
            while index < count && !isTagNameEnd(html[index]) && html[index] != UInt8(ascii: "=") { index += 1 }
            let attributeName = UnsafeBufferPointer(rebasing: html[nameStart..<index])
            while index < count && isWhiteSpace(html[index]) { index += 1 }
            var valueRange: Range<Int>? = nil
            if index < count && html[index] == UInt8(ascii: "=") {
                index += 1
                while index < count && isWhiteSpace(html[index]) { index += 1 }
                if index < count && (html[index] == UInt8(ascii: "\"") || html[index] == UInt8(ascii: "'")) {
                    let quote = html[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < count && html[index] != quote { index += 1 }
                    valueRange = valueStart..<index
                    if index < count { index += 1 }
                } else {
                    let valueStart = index
                    while index < count && !isWhiteSpace(html[index]) && html[index] != UInt8(ascii: ">") {
                        index += 1
                    }
                    valueRange = valueStart..<index
                }
            }
            tag.record(attributeName, valueRange)
        }
        return tag
    }

    private mutating func record(_ name: UnsafeBufferPointer<UInt8>, _ value: Range<Int>?) {
        guard name.count <= 6 else { return }
        let key = PackedName(lowercasing: name)
        let attribute: Attribute
        switch key {
        case KnownName.href: attribute = .href
        case KnownName.src: attribute = .src
        case KnownName.alt: attribute = .alt
        case KnownName.width: attribute = .width
        case KnownName.height: attribute = .height
        case KnownName.type: attribute = .type
        case KnownName.style:
            if let value, self.style == nil { self.style = UnsafeBufferPointer(rebasing: self.source[value]) }
            return
        case KnownName.hidden:
            self.hasHiddenAttribute = true
            return
        default:
            return
        }
        // The first occurrence wins, as in HTML.
        guard self.range(attribute) == nil else { return }
        let stored = value ?? 0..<0
        switch attribute {
        case .href: self.href = stored
        case .src: self.src = stored
        case .alt: self.alt = stored
        case .width: self.width = stored
        case .height: self.height = stored
        case .type: self.type = stored
        }
    }

    private init(name: PackedName, end: Int, source: UnsafeBufferPointer<UInt8>) {
        self.name = name
        self.end = end
        self.source = source
    }
}

@inline(__always)
func isTagNameEnd(_ byte: UInt8) -> Bool {
    isWhiteSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
}

@inline(__always)
func isASCIILetter(_ byte: UInt8) -> Bool {
    byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A
}
