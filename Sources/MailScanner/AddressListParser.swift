/// RFC 5322 address lists (`From`, `To`, `Cc`, `Reply-To`), tolerant of what real mail contains:
/// display names with RFC 2047 words, quoted strings and comments, groups (`team: a@b, c@d;`),
/// old-style `a@b (Name)`, quoted local parts, missing commas between angle addresses.
enum AddressListParser {
    static let maxAddresses = 1000

    private enum Token {
        case word([UInt8])
        case quoted([UInt8])
        case comment([UInt8])
        case angle([UInt8])
        case special(UInt8)
        case space
    }

    static func parse(_ value: [UInt8]) -> [ScannedMessage.Address] {
        var addresses: [ScannedMessage.Address] = []
        var group: String? = nil
        var phrase: [Token] = []
        var angle: [UInt8]? = nil
        var comment: [UInt8]? = nil

        func finishMailbox() {
            defer {
                phrase.removeAll()
                angle = nil
                comment = nil
            }
            guard addresses.count < maxAddresses else { return }
            if let angle {
                let address = Self.cleanAngle(angle)
                guard !address.isEmpty else { return }
                let name = Self.displayName(phrase)
                addresses.append(
                    .init(displayName: name.isEmpty ? nil : name, address: address, group: group)
                )
                return
            }
            // Without angle brackets, a phrase with no `@` (outside quotes) is not an address.
            let hasAt = phrase.contains { token in
                if case .word(let text) = token { text.contains(UInt8(ascii: "@")) } else { false }
            }
            guard hasAt else { return }
            let address = Self.addrSpec(phrase)
            let name = comment.map { EncodedWordDecoder.decode(trimmedWhiteSpace($0)) } ?? ""
            addresses.append(.init(displayName: name.isEmpty ? nil : name, address: address, group: group))
        }

        for token in Self.tokenize(value) {
            switch token {
            case .special(UInt8(ascii: ",")):
                finishMailbox()
            case .special(UInt8(ascii: ";")):
                finishMailbox()
                group = nil
            case .special(UInt8(ascii: ":")) where angle == nil && group == nil:
                let name = Self.displayName(phrase)
                group = name
                phrase.removeAll()
            case .angle(let bytes):
                if angle != nil { finishMailbox() }  // `<a@b> <c@d>`: a missing comma
                angle = bytes
            case .comment(let bytes):
                if comment == nil { comment = bytes }
            default:
                if angle != nil {
                    // Text after `<...>` before a comma: ignore (junk), but keep words for no one.
                    continue
                }
                phrase.append(token)
            }
        }
        finishMailbox()
        return addresses
    }

    private static func tokenize(_ value: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        let count = value.count
        while index < count {
            let byte = value[index]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                if case .space? = tokens.last {} else { tokens.append(.space) }
                index += 1
            case UInt8(ascii: "\""):
                var text: [UInt8] = []
                index += 1
                while index < count && value[index] != UInt8(ascii: "\"") {
                    if value[index] == UInt8(ascii: "\\") && index + 1 < count { index += 1 }
                    text.append(value[index])
                    index += 1
                }
                index += 1
                tokens.append(.quoted(text))
            case UInt8(ascii: "("):
                let end = MIMEHeaderValue.skipComment(value, from: index)
                let inner = value[
                    (index + 1)..<max(index + 1, end - (end <= count && value[end - 1] == UInt8(ascii: ")") ? 1 : 0))
                ]
                tokens.append(.comment(Array(inner)))
                index = end
            case UInt8(ascii: "<"):
                var text: [UInt8] = []
                index += 1
                while index < count && value[index] != UInt8(ascii: ">") {
                    text.append(value[index])
                    index += 1
                }
                index += 1
                tokens.append(.angle(text))
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"):
                tokens.append(.special(byte))
                index += 1
            default:
                var text: [UInt8] = []
                while index < count {
                    let next = value[index]
                    if next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A || next == UInt8(ascii: "\"")
                        || next == UInt8(ascii: "(") || next == UInt8(ascii: "<") || next == UInt8(ascii: ",")
                        || next == UInt8(ascii: ";") || next == UInt8(ascii: ":")
                    {
                        break
                    }
                    text.append(next)
                    index += 1
                }
                tokens.append(.word(text))
            }
        }
        return tokens
    }

    /// Words and quoted strings of a phrase joined by single spaces, encoded words decoded.
    private static func displayName(_ phrase: [Token]) -> String {
        var bytes: [UInt8] = []
        var needSpace = false
        for token in phrase {
            switch token {
            case .word(let text), .quoted(let text):
                if needSpace && !bytes.isEmpty { bytes.append(0x20) }
                bytes.append(contentsOf: text)
                needSpace = false
            case .space:
                needSpace = true
            case .special(let byte):
                bytes.append(byte)
            default:
                break
            }
        }
        return String(EncodedWordDecoder.decode(trimmedWhiteSpace(bytes)))
    }

    /// A bare `local@domain` from the tokens (white space and comments dropped, quotes kept if needed).
    private static func addrSpec(_ phrase: [Token]) -> String {
        var bytes: [UInt8] = []
        for token in phrase {
            switch token {
            case .word(let text):
                bytes.append(contentsOf: text)
            case .quoted(let text):
                bytes.append(contentsOf: Self.quotedLocalPart(text))
            case .special(let byte):
                bytes.append(byte)
            default:
                break
            }
        }
        return CharsetDecoder.sniff(bytes)
    }

    /// The inside of `<...>`: source route (`@a,@b:`) dropped, white space and comments removed.
    private static func cleanAngle(_ angle: [UInt8]) -> String {
        var tokens = Self.tokenize(angle)
        if let colon = tokens.lastIndex(where: { if case .special(UInt8(ascii: ":")) = $0 { true } else { false } }),
            case .word(let first)? = tokens.first(where: { if case .space = $0 { false } else { true } }),
            first.first == UInt8(ascii: "@")
        {
            tokens.removeSubrange(...colon)
        }
        return Self.addrSpec(tokens)
    }

    /// A quoted local part keeps its quotes only when it needs them.
    private static func quotedLocalPart(_ text: [UInt8]) -> [UInt8] {
        let atext = text.allSatisfy { byte in
            isAlphaNumeric(byte) || "!#$%&'*+-/=?^_`{|}~.".utf8.contains(byte) || byte >= 0x80
        }
        let dotAtom =
            !text.isEmpty && text.first != UInt8(ascii: ".") && text.last != UInt8(ascii: ".")
            && !zip(text, text.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
        if atext && dotAtom {
            return text
        }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { quoted.append(UInt8(ascii: "\\")) }
            quoted.append(byte)
        }
        quoted.append(UInt8(ascii: "\""))
        return quoted
    }
}
