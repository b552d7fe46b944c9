/// A structured MIME header value: `Content-Type: text/html; charset="utf-8"` or
/// `Content-Disposition: attachment; filename*=utf-8''na%C3%AFve.pdf`.
///
/// Parameters follow RFC 2045 (tokens, quoted strings, comments) and RFC 2231 (continuations `name*0`,
/// charset-encoded `name*`), leniently: an unquoted value runs to the next `;`.
struct MIMEHeaderValue: Sendable, Hashable {
    /// The main value, lowercased, comments and white space removed (`text/html`, `attachment`).
    var value: String
    /// Parameters in order, names lowercased, values unquoted (RFC 2231 pieces joined and decoded).
    var parameters: [(name: String, value: [UInt8])]

    static func == (lhs: MIMEHeaderValue, rhs: MIMEHeaderValue) -> Bool {
        lhs.value == rhs.value
            && lhs.parameters.elementsEqual(rhs.parameters) { $0.name == $1.name && $0.value == $1.value }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(self.value)
    }

    /// The first parameter with this (lowercase) name.
    func parameter(_ name: String) -> [UInt8]? {
        self.parameters.first { $0.name == name }?.value
    }

    /// A parameter as text: RFC 2047 words decoded (Outlook puts them in file names).
    func textParameter(_ name: String) -> String? {
        self.parameter(name).map { EncodedWordDecoder.decode($0) }
    }

    init(parsing bytes: [UInt8]) {
        var index = 0
        var main: [UInt8] = []
        // Main value: up to the first `;`, skipping white space and comments.
        while index < bytes.count && bytes[index] != UInt8(ascii: ";") {
            let byte = bytes[index]
            if byte == UInt8(ascii: "(") {
                index = Self.skipComment(bytes, from: index)
                continue
            }
            if !isWhiteSpace(byte) && byte != UInt8(ascii: "\"") { main.append(lowercasedASCII(byte)) }
            index += 1
        }
        self.value = String(decoding: main, as: UTF8.self)
        var raw: [(name: [UInt8], value: [UInt8], quoted: Bool)] = []
        while index < bytes.count {
            index += 1  // the `;`
            while index < bytes.count && (isWhiteSpace(bytes[index]) || bytes[index] == UInt8(ascii: ";")) {
                index += 1
            }
            var name: [UInt8] = []
            while index < bytes.count && bytes[index] != UInt8(ascii: "=") && bytes[index] != UInt8(ascii: ";") {
                let byte = bytes[index]
                if byte == UInt8(ascii: "(") {
                    index = Self.skipComment(bytes, from: index)
                    continue
                }
                if !isWhiteSpace(byte) { name.append(lowercasedASCII(byte)) }
                index += 1
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < bytes.count && isWhiteSpace(bytes[index]) { index += 1 }
            var value: [UInt8] = []
            var quoted = false
            if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") && index + 1 < bytes.count { index += 1 }
                    value.append(bytes[index])
                    index += 1
                }
                // Skip to the next `;` (junk after the closing quote is ignored).
                while index < bytes.count && bytes[index] != UInt8(ascii: ";") { index += 1 }
            } else {
                while index < bytes.count && bytes[index] != UInt8(ascii: ";") {
                    if bytes[index] == UInt8(ascii: "(") {
                        index = Self.skipComment(bytes, from: index)
                        continue
                    }
                    value.append(bytes[index])
                    index += 1
                }
                value = trimmedWhiteSpace(value)
            }
            if !name.isEmpty { raw.append((name, value, quoted)) }
        }
        self.parameters = Self.joinRFC2231(raw)
    }

    /// Skips a comment (nested, with quoted pairs) starting at `(`; returns the index after it.
    static func skipComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        // A trailing backslash skips past the end: never return more than the count.
        return min(index, bytes.count)
    }

    /// Joins RFC 2231 continuations (`name*0`, `name*1*`) and decodes `charset'lang'%XX` values.
    private static func joinRFC2231(
        _ raw: [(name: [UInt8], value: [UInt8], quoted: Bool)]
    ) -> [(name: String, value: [UInt8])] {
        var result: [(name: String, value: [UInt8])] = []
        var pieces: [String: [(index: Int, value: [UInt8], encoded: Bool)]] = [:]
        var order: [String] = []
        for (name, value, _) in raw {
            guard let star = name.firstIndex(of: UInt8(ascii: "*")) else {
                let key = String(decoding: name, as: UTF8.self)
                result.append((key, value))
                continue
            }
            let base = String(decoding: name[..<star], as: UTF8.self)
            let suffix = name[(star + 1)...]
            let encoded = suffix.last == UInt8(ascii: "*") || suffix.isEmpty
            let digits = suffix.filter { $0 >= 0x30 && $0 <= 0x39 }
            var number = 0
            for digit in digits.prefix(4) { number = number * 10 + Int(digit - 0x30) }
            if pieces[base] == nil { order.append(base) }
            pieces[base, default: []].append((number, value, encoded))
        }
        for base in order {
            guard var list = pieces[base], list.count <= 100 else { continue }
            list.sort { $0.index < $1.index }
            var charset = ""
            var bytes: [UInt8] = []
            for (position, piece) in list.enumerated() {
                var value = piece.value
                if piece.encoded {
                    if position == 0 {
                        // charset'language'value
                        let quotes = value.indices.filter { value[$0] == UInt8(ascii: "'") }
                        if quotes.count >= 2 {
                            charset = String(decoding: value[..<quotes[0]], as: UTF8.self)
                            value = Array(value[(quotes[1] + 1)...])
                        }
                    }
                    bytes.append(contentsOf: percentDecoded(value, plusAsSpace: false))
                } else {
                    bytes.append(contentsOf: value)
                }
            }
            let text = charset.isEmpty ? CharsetDecoder.sniff(bytes) : CharsetDecoder.decode(bytes, label: charset)
            // A 2231 value replaces a plain one of the same name (senders send both for old clients).
            result.removeAll { $0.name == base }
            result.append((base, Array(text.utf8)))
        }
        return result
    }
}

/// `%XX` decoding; damaged escapes kept as written.
func percentDecoded(_ bytes: ArraySlice<UInt8>, plusAsSpace: Bool) -> [UInt8] {
    bytes.withUnsafeBufferPointer { percentDecoded($0, plusAsSpace: plusAsSpace) }
}

func percentDecoded(_ bytes: [UInt8], plusAsSpace: Bool) -> [UInt8] {
    bytes.withUnsafeBufferPointer { percentDecoded($0, plusAsSpace: plusAsSpace) }
}

func percentDecoded(_ input: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var index = 0
    while index < input.count {
        let byte = input[index]
        if byte == UInt8(ascii: "%"), index + 2 < input.count, let high = hexValue(input[index + 1]),
            let low = hexValue(input[index + 2])
        {
            output.append(high << 4 | low)
            index += 3
            continue
        }
        output.append(byte == UInt8(ascii: "+") && plusAsSpace ? 0x20 : byte)
        index += 1
    }
    return output
}
