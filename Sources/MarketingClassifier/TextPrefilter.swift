import MailScanner

/// Decides, from the words of a message, which `text` rules can possibly match.
///
/// Built once per rule set from ``AnchorExtractor``: a hash table from each anchor (a word prefix
/// of at most 8 bytes) to the rules it belongs to. Per message, one pass over the text splits it
/// into words the way PCRE2's `\b` does (ASCII word characters) and looks up each word's prefixes;
/// a filterable text rule runs only when one of its anchors begins a word. Rules without anchors
/// always run. The filter can only skip rules that cannot match, so verdicts do not change.
struct TextPrefilter: Sendable {
    /// Index of each rule in the set's rule list, or nil for rules that are not prefiltered.
    private let slots: [Int?]
    private let table: AnchorTable
    /// Bit `n` set: some anchor has length `n`.
    private let lengths: UInt16

    init(rules: [Rule]) {
        var slots: [Int?] = []
        var entries: [(hash: UInt64, slot: Int)] = []
        var lengths: UInt16 = 0
        var next = 0
        for rule in rules {
            guard case .text(let pattern, _) = rule.condition, let anchors = AnchorExtractor.anchors(of: pattern.source)
            else {
                slots.append(nil)
                continue
            }
            slots.append(next)
            for anchor in anchors {
                entries.append((Self.hash(anchor.utf8), next))
                lengths |= 1 << anchor.utf8.count
            }
            next += 1
        }
        self.slots = slots
        self.table = AnchorTable(entries: entries, slotCount: next)
        self.lengths = lengths
    }

    /// Number of rules the filter can skip.
    var filterableCount: Int { self.table.slotCount }

    /// For rule index `rule`: false only when the rule cannot match `candidates`' message.
    func mayMatch(rule: Int, _ candidates: Candidates) -> Bool {
        guard let slot = self.slots[rule] else { return true }
        return candidates.contains(slot)
    }

    /// The filterable rules whose anchors begin some word of the message's text.
    func candidates(for message: ScannedMessage) -> Candidates {
        var found = Candidates(count: self.table.slotCount)
        guard self.table.slotCount > 0 else { return found }
        for part in message.textParts {
            for source in [part.text, part.hiddenText] where !source.isEmpty {
                var text = source
                text.withUTF8 { self.scan($0, into: &found) }
            }
        }
        return found
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, into found: inout Candidates) {
        var index = 0
        let count = bytes.count
        while index < count {
            // Skip to the start of the next word.
            while index < count && !AnchorExtractor.isWordByte(bytes[index]) { index += 1 }
            var hash = Self.offsetBasis
            var length = 0
            while index < count && AnchorExtractor.isWordByte(bytes[index]) {
                if length < AnchorExtractor.maxLength {
                    let byte = bytes[index]
                    hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* Self.prime
                    length += 1
                    if self.lengths & (1 << length) != 0 {
                        self.table.mark(hash, into: &found)
                    }
                }
                index += 1
            }
        }
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a over lower-cased ASCII, the same as the incremental hash in `scan`.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = Self.offsetBasis
        for byte in bytes {
            hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* Self.prime
        }
        return hash
    }

    /// A bit set of filterable rules.
    struct Candidates {
        fileprivate var words: [UInt64]

        init(count: Int) {
            self.words = Array(repeating: 0, count: (count + 63) / 64)
        }

        func contains(_ slot: Int) -> Bool {
            self.words[slot / 64] & (1 << UInt64(slot % 64)) != 0
        }

        fileprivate mutating func insert(_ slot: Int) {
            self.words[slot / 64] |= 1 << UInt64(slot % 64)
        }
    }
}

/// Open-addressing hash table from anchor hash to the slots (rules) it belongs to.
private struct AnchorTable: Sendable {
    let slotCount: Int
    private let keys: [UInt64]
    /// For each table position: the slots of that key, as ranges into `slotList`.
    private let ranges: [Range<Int>]
    private let slotList: [Int]
    private let mask: Int

    init(entries: [(hash: UInt64, slot: Int)], slotCount: Int) {
        self.slotCount = slotCount
        var grouped: [UInt64: [Int]] = [:]
        for entry in entries { grouped[entry.hash, default: []].append(entry.slot) }
        var capacity = 16
        while capacity < grouped.count * 4 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var ranges = [Range<Int>](repeating: 0..<0, count: capacity)
        var slotList: [Int] = []
        for (key, duplicates) in grouped {
            let slots = Set(duplicates).sorted()
            var position = Int(truncatingIfNeeded: key) & (capacity - 1)
            while keys[position] != 0 { position = (position + 1) & (capacity - 1) }
            // 0 marks an empty position; an FNV hash of 0 is astronomically unlikely but handled.
            keys[position] = key == 0 ? 1 : key
            ranges[position] = slotList.count..<(slotList.count + slots.count)
            slotList += slots
        }
        self.keys = keys
        self.ranges = ranges
        self.slotList = slotList
        self.mask = capacity - 1
    }

    func mark(_ hash: UInt64, into found: inout TextPrefilter.Candidates) {
        let key = hash == 0 ? 1 : hash
        var position = Int(truncatingIfNeeded: key) & self.mask
        while true {
            let stored = self.keys[position]
            if stored == 0 { return }
            if stored == key {
                for index in self.ranges[position] { found.insert(self.slotList[index]) }
                return
            }
            position = (position + 1) & self.mask
        }
    }
}
