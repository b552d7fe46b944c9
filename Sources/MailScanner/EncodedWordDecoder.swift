/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values, decoded liberally as mail clients do:
/// anywhere in the value (also glued to other text), white space between two encoded words dropped, and
/// adjacent words in the same charset joined as bytes before conversion so a character split across two
/// words (a common encoder bug) survives. Raw 8-bit bytes outside encoded words are read as UTF-8 when
/// valid, else windows-1252.
enum EncodedWordDecoder {
    /// Longest encoded word accepted (RFC 2047 says 75; real mail is longer).
    static let maxWordLength = 4096

    static func decode(_ value: [UInt8]) -> String {
        guard value.count >= 8, containsMarker(value) else { return CharsetDecoder.sniff(value) }
        var output = ""
        var literal: [UInt8] = []
        // Bytes of consecutive encoded words in one charset, waiting for conversion.
        var pendingBytes: [UInt8] = []
        var pendingCharset: String? = nil
        // White space after an encoded word, dropped if another encoded word follows.
        var gap: [UInt8] = []

        func flushPending() {
            if let charset = pendingCharset {
                output += CharsetDecoder.decode(pendingBytes, label: charset)
                pendingBytes.removeAll()
                pendingCharset = nil
            }
        }
        func flushLiteral() {
            if !literal.isEmpty {
                output += CharsetDecoder.sniff(literal)
                literal.removeAll()
            }
        }

        var index = 0
        while index < value.count {
            if value[index] == UInt8(ascii: "="), index + 1 < value.count, value[index + 1] == UInt8(ascii: "?"),
                let word = parseWord(value, at: index)
            {
                if pendingCharset != nil && literal.isEmpty {
                    gap.removeAll()  // white space between two encoded words
                } else {
                    flushPending()
                    literal.append(contentsOf: gap)
                    gap.removeAll()
                    flushLiteral()
                }
                if pendingCharset != word.charset {
                    flushPending()
                    pendingCharset = word.charset
                }
                pendingBytes.append(contentsOf: word.bytes)
                index = word.end
                continue
            }
            let byte = value[index]
            if pendingCharset != nil && literal.isEmpty && isWhiteSpace(byte) {
                gap.append(byte)
            } else {
                if pendingCharset != nil {
                    flushPending()
                    literal.append(contentsOf: gap)
                    gap.removeAll()
                }
                literal.append(byte)
            }
            index += 1
        }
        flushPending()
        literal.append(contentsOf: gap)
        flushLiteral()
        return output
    }

    private static func containsMarker(_ value: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < value.count {
            if value[index] == UInt8(ascii: "=") && value[index + 1] == UInt8(ascii: "?") { return true }
            index += 1
        }
        return false
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Parses `=?charset?X?text?=` at `start`; nil when it is not a well-formed encoded word.
    private static func parseWord(_ value: [UInt8], at start: Int) -> Word? {
        var index = start + 2
        let limit = min(value.count, start + maxWordLength)
        let charsetStart = index
        while index < limit && value[index] != UInt8(ascii: "?") {
            let byte = value[index]
            if isWhiteSpace(byte) || byte < 0x21 || byte > 0x7E { return nil }
            index += 1
        }
        guard index > charsetStart, index + 3 < limit else { return nil }
        let charset = String(decoding: value[charsetStart..<index], as: UTF8.self)
        let encoding = lowercasedASCII(value[index + 1])
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"), value[index + 2] == UInt8(ascii: "?")
        else { return nil }
        let textStart = index + 3
        index = textStart
        while index + 1 < limit {
            if value[index] == UInt8(ascii: "?") {
                guard value[index + 1] == UInt8(ascii: "=") else { return nil }
                break
            }
            index += 1
        }
        guard index + 1 < limit else { return nil }
        var bytes: [UInt8] = []
        value.withUnsafeBufferPointer { buffer in
            let text = UnsafeBufferPointer(rebasing: buffer[textStart..<index])
            if encoding == UInt8(ascii: "b") {
                var decoder = Base64Decoder()
                decoder.decode(text, into: &bytes)
                decoder.finish(into: &bytes)
            } else {
                decodeQ(text, into: &bytes)
            }
        }
        return Word(charset: CharsetDecoder.normalizedLabel(charset), bytes: bytes, end: index + 2)
    }

    /// The Q encoding: `_` is a space, `=XX` a byte, anything else literal.
    static func decodeQ(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                output.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < text.count, let high = hexValue(text[index + 1]),
                let low = hexValue(text[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
                continue
            } else {
                output.append(byte)
            }
            index += 1
        }
    }
}
