/// Finds words one of which must begin a word of the text for a pattern to match.
///
/// Text rules are alternations of phrases (`\b(this|the) newsletter is sponsored by|\bcoupons?\b`).
/// Each branch can only match where the text has every word the branch requires, and a required
/// word that follows a word boundary must begin a word of the text (PCRE2's `\b` without Unicode
/// properties: ASCII letters, digits and `_` are word characters). For each branch the extractor
/// picks its most selective required word or group of alternative words (`sponsored|supported`
/// rather than `the|this`); the union over the branches is the pattern's anchor set. A message
/// none of whose words start with an anchor cannot match, and ``TextPrefilter`` skips the rule.
///
/// A required literal symbol that prose rarely contains (``symbols``: `%` in `\d+\s?% off`) is an
/// anchor too, and preferred to any word: every branch of a percentage rule needs its `%`, and a
/// message without one skips the rule instead of trying its digits at every position.
///
/// The extraction is conservative: anything it does not understand (a lookaround, `\Q…\E`, an
/// escape it does not know) or a branch with no required word makes the pattern unfilterable
/// (nil), and such a rule always runs.
enum AnchorExtractor {
    /// Anchors are compared on at most this many leading bytes.
    static let maxLength = 8

    /// Lower-cased ASCII anchors, or nil when the pattern cannot be prefiltered.
    static func anchors(of source: String) -> [String]? {
        var parser = PatternWalker(Array(source.utf8))
        guard let anchors = parser.alternation(atBoundary: false).anchors, parser.isAtEnd, !parser.failed else {
            return nil
        }
        return anchors.isEmpty ? nil : Array(Set(anchors)).sorted()
    }

    /// Anchors that every match *starts* with: each branch begins with a word boundary and a literal
    /// word (or a group of them), so every match begins where a word of the text starts with one of
    /// them. A rule with leading anchors is matched only at those offsets (``TextPrefilter``).
    static func leadingAnchors(of source: String) -> [String]? {
        var parser = PatternWalker(Array(source.utf8), leadingOnly: true)
        guard let anchors = parser.alternation(atBoundary: false).anchors, parser.isAtEnd, !parser.failed else {
            return nil
        }
        return anchors.isEmpty ? nil : Array(Set(anchors)).sorted()
    }

    /// Required symbols that make good anchors: rare in prose, and never a pattern metacharacter
    /// or comment introducer (`#` under `(?x)`) where the walker meets them as literals.
    static let symbols: Set<UInt8> = Set("%@=~<>".utf8)

    /// The byte of a symbol anchor (one of ``symbols``), or nil for a word anchor.
    static func symbol(of anchor: String) -> UInt8? {
        guard anchor.utf8.count == 1, let byte = anchor.utf8.first, Self.symbols.contains(byte) else { return nil }
        return byte
    }

    /// PCRE2's `\w` without Unicode properties: ASCII letters, digits and underscore.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
    }
}

/// A one-pass walk over a PCRE2 pattern that tracks which literal words start at a word boundary.
private struct PatternWalker {
    private let p: [UInt8]
    private var i = 0
    private(set) var failed = false
    /// Only the first item of each branch counts, and it must be an anchor.
    private let leadingOnly: Bool

    init(_ pattern: [UInt8], leadingOnly: Bool = false) {
        self.p = pattern
        self.leadingOnly = leadingOnly
    }

    var isAtEnd: Bool { self.i == self.p.count }

    /// The union of every alternative's best anchor set, up to `)` (not consumed) or the end, and
    /// whether every alternative ends with a non-word character (so a word after it starts a word).
    mutating func alternation(atBoundary: Bool) -> (anchors: [String]?, endsAtBoundary: Bool) {
        var union: [String] = []
        var filterable = true
        var endsAtBoundary = true
        while true {
            let (anchors, end) =
                self.leadingOnly
                ? (self.leadingBranch(atBoundary: atBoundary), false) : self.branch(atBoundary: atBoundary)
            if let anchors {
                union += anchors
            } else {
                filterable = false
            }
            endsAtBoundary = endsAtBoundary && end
            guard self.i < self.p.count, self.p[self.i] == UInt8(ascii: "|") else { break }
            self.i += 1
        }
        return (filterable && !self.failed ? union : nil, endsAtBoundary)
    }

    /// The most selective anchor set one branch requires, or nil when it requires none.
    private mutating func branch(atBoundary start: Bool) -> (anchors: [String]?, endsAtBoundary: Bool) {
        var boundary = start
        var best: [String]?
        while self.i < self.p.count, self.p[self.i] != UInt8(ascii: "|"), self.p[self.i] != UInt8(ascii: ")") {
            let byte = self.p[self.i]
            switch byte {
            case UInt8(ascii: "\\"):
                boundary = self.escape(after: boundary)
            case UInt8(ascii: "("):
                let entry = boundary
                guard self.openGroup() else {
                    self.failed = true
                    return (nil, false)
                }
                if self.optionSettingClosed() { continue }
                let (inner, endsAtBoundary) = self.alternation(atBoundary: entry)
                guard self.i < self.p.count, self.p[self.i] == UInt8(ascii: ")") else {
                    self.failed = true
                    return (nil, false)
                }
                self.i += 1
                // `(new |free )?app`: whether the group is taken or not, `app` starts a word.
                if self.skipQuantifier() {
                    boundary = entry && endsAtBoundary
                } else {
                    if let inner { best = Self.better(inner, best) }
                    boundary = endsAtBoundary
                }
            case UInt8(ascii: "["):
                let nonWord = self.skipClass()
                boundary = !self.skipQuantifier() && nonWord
            case UInt8(ascii: "^"):
                self.i += 1
                boundary = true
            case UInt8(ascii: "."), UInt8(ascii: "$"):
                self.i += 1
                _ = self.skipQuantifier()
                boundary = false
            case _ where AnchorExtractor.isWordByte(byte):
                var word: [UInt8] = []
                while self.i < self.p.count && AnchorExtractor.isWordByte(self.p[self.i]) {
                    word.append(self.p[self.i])
                    self.i += 1
                }
                // `coupons?`: a quantified last letter is not required.
                if self.skipQuantifier() { word.removeLast() }
                if boundary && !word.isEmpty {
                    let lower = word.prefix(AnchorExtractor.maxLength).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                    best = Self.better([String(decoding: lower, as: UTF8.self)], best)
                }
                boundary = false
            default:
                // A literal non-word character (space, punctuation, a byte of a non-ASCII letter):
                // the next word character starts a word, unless this character is optional.
                self.i += 1
                let optional = self.skipQuantifier()
                if !optional && AnchorExtractor.symbols.contains(byte) {
                    best = Self.better([String(decoding: [byte], as: UTF8.self)], best)
                }
                boundary = !optional
            }
            if self.failed { return (nil, false) }
        }
        return (best, boundary)
    }

    /// The anchors a branch starts with: after `\b` (and option settings), a literal word or a
    /// non-optional group whose alternatives all start that way.
    private mutating func leadingBranch(atBoundary start: Bool) -> [String]? {
        var boundary = start
        while self.i + 1 < self.p.count {
            if self.p[self.i] == UInt8(ascii: "\\") && self.p[self.i + 1] == UInt8(ascii: "b") {
                self.i += 2
                boundary = true
            } else if let end = self.optionSettingEnd() {
                self.i = end
            } else {
                break
            }
        }
        defer { self.skipRestOfBranch() }
        guard self.i < self.p.count else { return nil }
        if self.p[self.i] == UInt8(ascii: "(") {
            guard self.openGroup() else {
                self.failed = true
                return nil
            }
            let inner = self.alternation(atBoundary: boundary).anchors
            guard self.i < self.p.count, self.p[self.i] == UInt8(ascii: ")") else {
                self.failed = true
                return nil
            }
            self.i += 1
            return self.skipQuantifier() ? nil : inner
        }
        guard boundary else { return nil }
        var word: [UInt8] = []
        while self.i < self.p.count && AnchorExtractor.isWordByte(self.p[self.i]) {
            word.append(self.p[self.i] >= 0x41 && self.p[self.i] <= 0x5A ? self.p[self.i] | 0x20 : self.p[self.i])
            self.i += 1
        }
        if self.skipQuantifier() && !word.isEmpty { word.removeLast() }
        return word.isEmpty ? nil : [String(decoding: word.prefix(AnchorExtractor.maxLength), as: UTF8.self)]
    }

    /// The index after an option setting such as `(?m)` or `(?-i)` at the current position, if any.
    private func optionSettingEnd() -> Int? {
        guard self.i + 2 < self.p.count, self.p[self.i] == UInt8(ascii: "("), self.p[self.i + 1] == UInt8(ascii: "?")
        else { return nil }
        var j = self.i + 2
        while j < self.p.count && (Self.isLetter(self.p[j]) || self.p[j] == UInt8(ascii: "-")) { j += 1 }
        return j < self.p.count && j > self.i + 2 && self.p[j] == UInt8(ascii: ")") ? j + 1 : nil
    }

    /// Moves to the `|` or `)` that ends the current branch.
    private mutating func skipRestOfBranch() {
        var depth = 0
        while self.i < self.p.count {
            switch self.p[self.i] {
            case UInt8(ascii: "\\"):
                self.i += 2
                continue
            case UInt8(ascii: "["):
                _ = self.skipClass()
                continue
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                if depth == 0 { return }
                depth -= 1
            case UInt8(ascii: "|"):
                if depth == 0 { return }
            default:
                break
            }
            self.i += 1
        }
    }

    /// Consumes an escape; returns whether the next word character starts a word.
    private mutating func escape(after boundary: Bool) -> Bool {
        guard self.i + 1 < self.p.count else {
            self.failed = true
            return false
        }
        let escaped = self.p[self.i + 1]
        self.i += 2
        switch escaped {
        case UInt8(ascii: "b"):
            return true
        case UInt8(ascii: "s"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "W"):
            return !self.skipQuantifier()
        case UInt8(ascii: "B"), UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "w"), UInt8(ascii: "S"):
            _ = self.skipQuantifier()
            return false
        case _ where AnchorExtractor.isWordByte(escaped):
            // \x, \p, \Q, back-references...: not worth understanding here.
            self.failed = true
            return false
        default:
            // An escaped punctuation character is a literal non-word character.
            return !self.skipQuantifier()
        }
    }

    /// Consumes `(`, `(?:` or `(?flags:`; false for lookarounds, named groups and the like.
    private mutating func openGroup() -> Bool {
        self.i += 1
        guard self.i < self.p.count, self.p[self.i] == UInt8(ascii: "?") else { return true }
        var j = self.i + 1
        while j < self.p.count && (Self.isLetter(self.p[j]) || self.p[j] == UInt8(ascii: "-")) { j += 1 }
        guard j < self.p.count, self.p[j] == UInt8(ascii: ":") || self.p[j] == UInt8(ascii: ")") else {
            return false
        }
        self.i = j
        if self.p[j] == UInt8(ascii: ":") { self.i += 1 }
        return true
    }

    /// After `openGroup`: an option setting such as `(?m)` reads no text; consume its `)`.
    private mutating func optionSettingClosed() -> Bool {
        guard self.i < self.p.count, self.p[self.i] == UInt8(ascii: ")"), self.i >= 2,
            self.p[self.i - 1] != UInt8(ascii: "(")
        else { return false }
        self.i += 1
        return true
    }

    /// Consumes a character class; true when it holds only literal non-word characters (`[- ]`).
    private mutating func skipClass() -> Bool {
        self.i += 1
        var nonWord = true
        if self.i < self.p.count && self.p[self.i] == UInt8(ascii: "^") {
            nonWord = false
            self.i += 1
        }
        if self.i < self.p.count && self.p[self.i] == UInt8(ascii: "]") { self.i += 1 }
        while self.i < self.p.count && self.p[self.i] != UInt8(ascii: "]") {
            let byte = self.p[self.i]
            if byte == UInt8(ascii: "\\") || AnchorExtractor.isWordByte(byte) { nonWord = false }
            self.i += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        self.i = min(self.i + 1, self.p.count)
        return nonWord
    }

    /// Consumes a quantifier if one follows; true when it allows zero repetitions.
    private mutating func skipQuantifier() -> Bool {
        guard self.i < self.p.count else { return false }
        var optional = false
        switch self.p[self.i] {
        case UInt8(ascii: "?"), UInt8(ascii: "*"):
            optional = true
            self.i += 1
        case UInt8(ascii: "+"):
            self.i += 1
        case UInt8(ascii: "{"):
            guard let close = self.p[self.i...].firstIndex(of: UInt8(ascii: "}")) else { return false }
            let first = self.p[self.i + 1]
            optional = first == UInt8(ascii: "0") || first == UInt8(ascii: ",")
            self.i = close + 1
        default:
            return false
        }
        // Lazy and possessive suffixes.
        if self.i < self.p.count && (self.p[self.i] == UInt8(ascii: "?") || self.p[self.i] == UInt8(ascii: "+")) {
            self.i += 1
        }
        return optional
    }

    /// Prefers a set of symbols, then the set whose shortest anchor is longest (fewer candidates),
    /// then the smaller set.
    private static func better(_ candidate: [String], _ current: [String]?) -> [String] {
        guard let current else { return candidate }
        let isSymbols = { (set: [String]) in set.allSatisfy { AnchorExtractor.symbol(of: $0) != nil } }
        if isSymbols(candidate) != isSymbols(current) { return isSymbols(candidate) ? candidate : current }
        let newMin = candidate.map(\.utf8.count).min() ?? 0
        let oldMin = current.map(\.utf8.count).min() ?? 0
        if newMin != oldMin { return newMin > oldMin ? candidate : current }
        // Same shortest word: prefer longer words on average (`iphone|android` over `new`).
        let newAverage = Double(candidate.map(\.utf8.count).reduce(0, +)) / Double(max(1, candidate.count))
        let oldAverage = Double(current.map(\.utf8.count).reduce(0, +)) / Double(max(1, current.count))
        return newAverage > oldAverage ? candidate : current
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A
    }
}
