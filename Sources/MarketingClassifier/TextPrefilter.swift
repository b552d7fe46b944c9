import MailScanner

/// Narrows where, and whether, each `text` rule runs, from one pass over the words of a text.
///
/// Built once per rule set from ``AnchorExtractor``: a hash table from each anchor (a word prefix
/// of at most 8 bytes) to the rules it belongs to. Per text, one pass splits the text into words
/// the way PCRE2's `\b` does (ASCII word characters) and looks up each word's prefixes.
/// - A rule whose every match starts with one of its anchors (leading anchors) is then matched
///   only at the offsets of those words, with the pattern compiled anchored: a newsletter full of
///   "the" and "offer" costs one short attempt per occurrence instead of a scan of the whole text.
/// - A rule with anchors elsewhere in its branches is skipped when none occurs (an anchor may also
///   be a rare symbol such as `%`, looked for among the bytes between words).
/// - A rule without anchors always runs over the whole text.
/// Both only avoid work that cannot produce a match, so verdicts do not change (tested).
struct TextPrefilter: Sendable {
    enum Mode: Sendable {
        case always
        case skippable(slot: Int)
        case anchored(slot: Int)
    }

    /// One mode per rule of the set, in order.
    let modes: [Mode]
    private let table: AnchorTable
    private let skippableCount: Int
    private let anchoredCount: Int
    /// Bit `n` set: some anchor has length `n`.
    private let lengths: UInt16
    /// Skippable rule slots per symbol anchor (ASCII), and which ASCII bytes have any.
    private let symbolSlots: [[Int]]
    private let symbolMask: (low: UInt64, high: UInt64)

    init(rules: [Rule]) {
        var modes: [Mode] = []
        var entries: [(hash: UInt64, code: Int)] = []
        var lengths: UInt16 = 0
        var symbolSlots = [[Int]](repeating: [], count: 128)
        var skippable = 0
        var anchored = 0
        for rule in rules {
            guard case .text(let pattern, _) = rule.condition else {
                modes.append(.always)
                continue
            }
            let code: Int
            let anchors: [String]
            if let leading = AnchorExtractor.leadingAnchors(of: pattern.source) {
                modes.append(.anchored(slot: anchored))
                code = -(anchored + 1)
                anchored += 1
                anchors = leading
            } else if let required = AnchorExtractor.anchors(of: pattern.source) {
                modes.append(.skippable(slot: skippable))
                code = skippable
                skippable += 1
                anchors = required
            } else {
                modes.append(.always)
                continue
            }
            for anchor in anchors {
                // Only skippable rules have symbol anchors (leading anchors are words).
                if code >= 0, let byte = AnchorExtractor.symbol(of: anchor) {
                    symbolSlots[Int(byte)].append(code)
                    continue
                }
                entries.append((Self.hash(anchor.utf8), code))
                lengths |= 1 << anchor.utf8.count
            }
        }
        self.modes = modes
        self.table = AnchorTable(entries: entries)
        self.skippableCount = skippable
        self.anchoredCount = anchored
        self.lengths = lengths
        self.symbolSlots = symbolSlots
        var mask: (low: UInt64, high: UInt64) = (0, 0)
        for byte in symbolSlots.indices where !symbolSlots[byte].isEmpty {
            if byte < 64 { mask.low |= 1 << UInt64(byte) } else { mask.high |= 1 << UInt64(byte - 64) }
        }
        self.symbolMask = mask
    }

    /// Number of rules matched only at anchor offsets, and number that can be skipped.
    var counts: (anchored: Int, skippable: Int) { (self.anchoredCount, self.skippableCount) }

    /// What one text holds for the rules: which skippable rules may match, where anchored ones may.
    struct Index {
        fileprivate var present: [UInt64]
        /// Word offsets per anchored slot, ascending.
        fileprivate var offsets: [[Int]]

        func contains(skippable slot: Int) -> Bool {
            self.present[slot / 64] & (1 << UInt64(slot % 64)) != 0
        }

        func offsets(anchored slot: Int) -> [Int] {
            self.offsets[slot]
        }
    }

    /// Indexes one text (valid UTF-8).
    func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Index {
        var index = Index(
            present: Array(repeating: 0, count: (self.skippableCount + 63) / 64),
            offsets: Array(repeating: [], count: self.anchoredCount)
        )
        guard self.skippableCount + self.anchoredCount > 0 else { return index }
        var position = 0
        let count = bytes.count
        let symbols = self.symbolMask
        while position < count {
            while position < count && !AnchorExtractor.isWordByte(bytes[position]) {
                let byte = bytes[position]
                if Self.contains(symbols, byte) {
                    for slot in self.symbolSlots[Int(byte)] { index.present[slot / 64] |= 1 << UInt64(slot % 64) }
                }
                position += 1
            }
            let start = position
            var hash = Self.offsetBasis
            var length = 0
            while position < count && AnchorExtractor.isWordByte(bytes[position]) {
                if length < AnchorExtractor.maxLength {
                    let byte = bytes[position]
                    hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* Self.prime
                    length += 1
                    if self.lengths & (1 << length) != 0 {
                        self.table.forEachCode(of: hash) { code in
                            if code >= 0 {
                                index.present[code / 64] |= 1 << UInt64(code % 64)
                            } else if index.offsets[-code - 1].last != start {
                                index.offsets[-code - 1].append(start)
                            }
                        }
                    }
                }
                position += 1
            }
        }
        return index
    }

    /// Whether `byte` is in a 128-bit set of ASCII bytes.
    @inline(__always)
    private static func contains(_ set: (low: UInt64, high: UInt64), _ byte: UInt8) -> Bool {
        byte < 64 ? set.low & (1 << UInt64(byte)) != 0 : byte < 128 && set.high & (1 << UInt64(byte - 64)) != 0
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a over lower-cased ASCII, the same as the incremental hash in `index`.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = Self.offsetBasis
        for byte in bytes {
            hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* Self.prime
        }
        return hash
    }
}

/// Open-addressing hash table from anchor hash to the rule codes it belongs to
/// (`slot` for skippable rules, `-(slot + 1)` for anchored ones).
private struct AnchorTable: Sendable {
    private let keys: [UInt64]
    private let ranges: [Range<Int>]
    private let codes: [Int]
    private let mask: Int

    init(entries: [(hash: UInt64, code: Int)]) {
        var grouped: [UInt64: Set<Int>] = [:]
        for entry in entries { grouped[entry.hash == 0 ? 1 : entry.hash, default: []].insert(entry.code) }
        var capacity = 16
        while capacity < grouped.count * 4 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var ranges = [Range<Int>](repeating: 0..<0, count: capacity)
        var codes: [Int] = []
        for (key, set) in grouped {
            var position = Int(truncatingIfNeeded: key) & (capacity - 1)
            while keys[position] != 0 { position = (position + 1) & (capacity - 1) }
            keys[position] = key
            ranges[position] = codes.count..<(codes.count + set.count)
            codes += set.sorted()
        }
        self.keys = keys
        self.ranges = ranges
        self.codes = codes
        self.mask = capacity - 1
    }

    @inline(__always)
    func forEachCode(of hash: UInt64, _ body: (Int) -> Void) {
        // 0 marks an empty position; a hash of 0 is stored as 1.
        let key = hash == 0 ? 1 : hash
        var position = Int(truncatingIfNeeded: key) & self.mask
        while true {
            let stored = self.keys[position]
            if stored == 0 { return }
            if stored == key {
                for index in self.ranges[position] { body(self.codes[index]) }
                return
            }
            position = (position + 1) & self.mask
        }
    }
}
