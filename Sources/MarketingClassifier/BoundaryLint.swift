/// Finds a `\b` written next to a non-ASCII character, which rule patterns must not have.
///
/// Patterns match without Unicode properties (for speed), so `\b` and `\w` know only ASCII letters,
/// digits and `_`. `\bà moitié prix` then matches only where `à` follows an ASCII letter, never at
/// the start of a word after a space, and `\bnovità\b` never where the word ends: the branch is
/// dead, silently. The rule-file reader refuses such a pattern, naming the character.
enum BoundaryLint {
    /// The first non-ASCII character written directly beside a `\b` (also as the first or last
    /// character of any branch of a group beside it), or nil.
    static func nonASCIIBeside(in source: String) -> Unicode.Scalar? {
        guard let tokens = Self.tokens(source) else { return nil }
        var open: [Int] = []
        var matching: [Int: Int] = [:]  // close index -> open index, and open -> close
        for (index, token) in tokens.enumerated() {
            if token == .open || token == .lookaround { open.append(index) }
            if case .close = token, let start = open.popLast() {
                matching[index] = start
                matching[start] = index
            }
        }
        func edges(_ index: Int, leading: Bool) -> [Unicode.Scalar] {
            guard tokens.indices.contains(index) else { return [] }
            switch tokens[index] {
            case .literal(let scalar):
                return [scalar]
            case .open where leading:
                return Self.branches(of: index, matching[index], tokens).flatMap { edges($0.first, leading: true) }
            case .close where !leading:
                guard let start = matching[index], tokens[start] == .open else { return [] }
                return Self.branches(of: start, index, tokens).flatMap { edges($0.last, leading: false) }
            default:
                return []
            }
        }
        for (index, token) in tokens.enumerated() where token == .boundary {
            let beside = edges(index + 1, leading: true) + edges(index - 1, leading: false)
            if let scalar = beside.first(where: { !$0.isASCII }) { return scalar }
        }
        return nil
    }

    private enum Token: Equatable {
        case literal(Unicode.Scalar)
        case boundary
        case open
        /// A lookahead or lookbehind: zero-width, so its contents are never beside a `\b`.
        case lookaround
        case close
        case bar
        /// An escape, a class, a quantifier, `.`, an anchor: nothing the lint looks into.
        case other
    }

    /// The first and last token index of each top-level branch of the group opening at `open`.
    private static func branches(of open: Int, _ close: Int?, _ tokens: [Token]) -> [(first: Int, last: Int)] {
        guard let close else { return [] }
        var result: [(first: Int, last: Int)] = []
        var depth = 0
        var start = open + 1
        for index in (open + 1)..<close {
            switch tokens[index] {
            case .open, .lookaround: depth += 1
            case .close: depth -= 1
            case .bar where depth == 0:
                result.append((start, index - 1))
                start = index + 1
            default: break
            }
        }
        result.append((start, close - 1))
        return result
    }

    /// The pattern as tokens, or nil for syntax the lint does not follow (`\Q…\E`, `(?x)` comments).
    private static func tokens(_ source: String) -> [Token]? {
        let scalars = Array(source.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { return nil }
                let next = scalars[index + 1]
                if next == "Q" || next == "E" { return nil }
                tokens.append(next == "b" ? .boundary : .other)
                index += 2
                // `\x{…}`, `\p{…}`, `\N{…}`: the braces belong to the escape.
                if index < scalars.count, scalars[index] == "{", "xpPNgko".unicodeScalars.contains(next) {
                    while index < scalars.count, scalars[index] != "}" { index += 1 }
                    index += 1
                }
                continue
            case "[":
                // A class ends at the first `]` that is not its first character nor escaped.
                index += 1
                if index < scalars.count, scalars[index] == "^" { index += 1 }
                if index < scalars.count, scalars[index] == "]" { index += 1 }
                while index < scalars.count, scalars[index] != "]" {
                    index += scalars[index] == "\\" ? 2 : 1
                }
                tokens.append(.other)
            case "(":
                tokens.append(.open)
                guard index + 1 < scalars.count, scalars[index + 1] == "?" else { break }
                // `(?:`, `(?=`, `(?<!`, `(?<name>`, `(?i:` open a group whose branches the lint reads;
                // `(?i)` only sets options.
                index += 2
                while index < scalars.count, !":=!)>'".unicodeScalars.contains(scalars[index]) { index += 1 }
                guard index < scalars.count else { return nil }
                if scalars[index] == ")" {
                    if source.contains("(?x") { return nil }
                    tokens[tokens.count - 1] = .other
                } else if scalars[index] == "=" || scalars[index] == "!" {
                    tokens[tokens.count - 1] = .lookaround
                }
            case ")":
                tokens.append(.close)
            case "|":
                tokens.append(.bar)
            case ".", "^", "$", "?", "*", "+", "{", "}":
                tokens.append(.other)
            default:
                tokens.append(.literal(scalar))
            }
            index += 1
        }
        return tokens
    }
}
