/// HTML character references: `&#123;`, `&#x1F600;`, `&amp;` and the other named ones.
enum HTMLCharacterReference {
    /// Decodes the reference at `start` (an `&`). Returns the scalar and the index after the reference,
    /// or nil and `start + 1` when it is not one (the `&` is then literal text).
    static func decode(
        _ html: UnsafeBufferPointer<UInt8>,
        at start: Int,
        inAttribute: Bool
    ) -> (UInt32?, Int) {
        let count = html.count
        var index = start + 1
        guard index < count else { return (nil, start + 1) }
        if html[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < count && (html[index] | 0x20) == UInt8(ascii: "x") {
                hex = true
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < count {
                let byte = html[index]
                let digit: UInt8?
                if hex { digit = hexValue(byte) } else { digit = isDigit(byte) ? byte - 0x30 : nil }
                guard let digit else { break }
                if value < 0x11_0000 { value = value * (hex ? 16 : 10) + UInt32(digit) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return (nil, start + 1) }
            if index < count && html[index] == UInt8(ascii: ";") { index += 1 }
            return (numericScalar(value), index)
        }
        let nameStart = index
        while index < count && index - nameStart < 32 && isAlphaNumeric(html[index]) { index += 1 }
        guard index > nameStart else { return (nil, start + 1) }
        let name = UnsafeBufferPointer(rebasing: html[nameStart..<index])
        let packed = PackedName(name)
        if index < count && html[index] == UInt8(ascii: ";") {
            if name.count <= 16, let scalar = HTMLEntities.table[packed] { return (scalar, index + 1) }
            return (nil, start + 1)
        }
        // Without `;`: only the legacy names, and in attributes not before `=` (URL query strings).
        if name.count <= 16, HTMLEntities.legacyWithoutSemicolon.contains(packed),
            !(inAttribute && index < count && html[index] == UInt8(ascii: "=")),
            let scalar = HTMLEntities.table[packed]
        {
            return (scalar, index)
        }
        return (nil, start + 1)
    }

    /// Numeric references as the HTML spec maps them: C1 bytes as windows-1252, invalid as U+FFFD.
    static func numericScalar(_ value: UInt32) -> UInt32 {
        if value == 0 || value > 0x10_FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
        if value >= 0x80 && value <= 0x9F {
            let mapped = CharsetDecoder.decodeWindows1252([UInt8(value)]).unicodeScalars.first?.value
            return mapped ?? value
        }
        return value
    }

    /// An attribute value with references decoded and surrounding white space trimmed.
    static func decodeAttribute(_ value: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(value.count)
        var index = 0
        while index < value.count {
            let byte = value[index]
            if byte == UInt8(ascii: "&") {
                let (scalar, next) = decode(value, at: index, inAttribute: true)
                if let scalar {
                    appendUTF8(scalar, to: &output)
                } else {
                    output.append(byte)
                }
                index = next
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: trimmedWhiteSpace(output), as: UTF8.self)
    }
}
