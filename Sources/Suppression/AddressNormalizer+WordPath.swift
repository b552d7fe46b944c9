extension AddressNormalizer {
    /// The commonest addresses, 8 bytes at a time: ASCII, 8 to 128 bytes, local part of letters,
    /// digits, `.`, `-`, `_` and `+`, domain of letters, digits, `.` and `-`, and `+` as the only
    /// sub-address separator.
    ///
    /// ``normalizeCommon`` spends a table load, a store and a chain of ORs on every byte, and
    /// leaves its loops at a data-dependent byte (a mispredicted exit each). Here each 8-byte
    /// word is lower-cased and classified with SWAR arithmetic on a `UInt64` (no table, no
    /// per-byte branch) and stored into the basic form in one go; where the `@`, the `+`s and
    /// `_`s are is kept as first/last positions, so the split is known after one pass.
    ///
    /// What it accepts is a subset of what ``normalizeCommon`` accepts, and its result is built
    /// the same way, so the two agree by construction. It returns nil, having written only
    /// scratch space, for anything else; ``normalizeCommon`` then has its turn. The
    /// differential tests compare the chain with the general parser.
    @inline(__always)
    func normalizeWords(
        _ input: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        scratch: Scratch
    ) -> NormalizedBytes? {
        let count = end - start
        // Under 8 bytes there is no whole word to load; over 128 the local part or the domain
        // is too long for the common path anyway. Other separators: ``normalizeCommon``.
        guard count >= 8, count <= 128, self.tables.plusIsOnlySeparator else { return nil }
        let source = UnsafeRawPointer(input.baseAddress! + start)
        let basic = scratch.basic.baseAddress!
        var scan = WordScan()
        var offset = 0
        while offset + 8 <= count {
            let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            scan.add(word, lanes: Self.highBits, at: offset, storingInto: basic)
            offset += 8
        }
        let tail = count - offset
        if tail > 0 {
            // The last 8 bytes, shifted so the ones not yet seen sit in the low lanes: no read
            // past the input, and the word continues where the previous one stopped.
            let shift = UInt64(8 * (8 - tail))
            let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            scan.add(word >> shift, lanes: Self.highBits >> shift, at: offset, storingInto: basic)
        }
        let atIndex = scan.firstAt
        let last = basic[count - 1]
        // One `@` (first == last), not first; `_` and `+` only before it; lengths as for
        // ``normalizeCommon``; no trailing `.`, `-` (nor `@`, which the lengths already refuse).
        guard scan.bad == 0, atIndex == scan.lastAt, atIndex >= 1, atIndex <= Self.maximumLocalPartOctets,
            count - atIndex - 1 >= 1, count - atIndex - 1 <= Self.maximumLabelOctets,
            scan.lastUnderscoreOrPlus < atIndex, last != Self.dot, last != Self.hyphen
        else {
            return nil
        }
        let domainOffset = atIndex + 1
        let domain = UnsafeBufferPointer(start: UnsafePointer(basic + domainOffset), count: count - domainOffset)
        let rule = self.tables.rule(for: domain)
        let hasPlus = scan.firstPlus < atIndex
        let whole = UnsafeBufferPointer(start: UnsafePointer(basic), count: count)
        guard self.options.lowercaseLocalPart else {
            if rule == nil && !hasPlus && scan.upper == 0 {
                return NormalizedBytes(canonical: whole, basic: whole, domain: domain)
            }
            // Case kept: the table path's loop writes the local part from the source.
            return self.canonicalLocalPart(input.baseAddress! + start, atIndex, rule: rule, scratch: scratch).map {
                Self.finish(
                    canonicalOut: scratch.canonical,
                    localCount: $0,
                    basicOut: scratch.basic,
                    basicCount: count,
                    domain: domain,
                    rule: rule
                )
            }
        }
        if rule == nil && !hasPlus {
            return NormalizedBytes(canonical: whole, basic: whole, domain: domain)
        }
        // A `+` first is kept and the cut is at the next one: rare, left to the table path.
        guard scan.firstPlus != 0 else { return nil }
        let keptCount = hasPlus ? scan.firstPlus : atIndex
        let canonical = scratch.canonical.baseAddress!
        var canonicalCount: Int
        if rule?.removeDots ?? false {
            canonicalCount = 0
            for index in 0..<keptCount {
                let byte = basic[index]
                canonical[canonicalCount] = byte
                canonicalCount += byte == Self.dot ? 0 : 1
            }
        } else {
            // Whole words: both regions are scratch with room past the 64-byte local part.
            var index = 0
            while index < keptCount {
                UnsafeMutableRawPointer(canonical + index).storeBytes(
                    of: UnsafeRawPointer(basic + index).loadUnaligned(as: UInt64.self),
                    as: UInt64.self
                )
                index += 8
            }
            canonicalCount = keptCount
        }
        // `a.+tag`: the local part would end in a dot; the general path quotes it.
        guard canonical[canonicalCount - 1] != Self.dot else { return nil }
        return Self.finish(
            canonicalOut: scratch.canonical,
            localCount: canonicalCount,
            basicOut: scratch.basic,
            basicCount: count,
            domain: domain,
            rule: rule
        )
    }

    static let hyphen = UInt8(ascii: "-")
    static let highBits: UInt64 = 0x8080_8080_8080_8080
}

/// What one pass of ``AddressNormalizer/normalizeWords`` learns, word by word. Lane masks have
/// 0x80 in each byte (lane) where the property holds.
struct WordScan {
    /// Lanes that take the address off the word path (a bad byte, two of `.@-` in a row).
    var bad: UInt64 = 0
    /// Whether the previous word's last lane was one of `.@-`; starts set, so a leading `.` or
    /// `-` is refused like ``AddressNormalizer/normalizeCommon`` refuses it.
    var previousEdges: UInt64 = 0x80 << 56
    var upper: UInt64 = 0
    var firstAt = Int.max
    var lastAt = -1
    var firstPlus = Int.max
    var lastUnderscoreOrPlus = -1

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Classifies `word` (its valid lanes in `lanes`, input bytes `offset...`), and stores it
    /// lower-cased at `basic + offset` (8 bytes; lanes beyond the input land in scratch space).
    @inline(__always)
    mutating func add(_ word: UInt64, lanes: UInt64, at offset: Int, storingInto basic: UnsafeMutablePointer<UInt8>) {
        let high = AddressNormalizer.highBits
        // Every lane below 0x80 from here on, so the additions never carry into the next lane;
        // a lane that was not ASCII is refused through `bad` whatever it classifies as.
        let seven = word & Self.lowBits
        let upper = Self.inRange(seven, 0x41, 0x5A) & lanes
        let lower = seven | (upper >> 2)
        UnsafeMutableRawPointer(basic + offset).storeBytes(of: lower.littleEndian, as: UInt64.self)
        let dot = Self.equal(lower, 0x2E)
        let hyphen = Self.equal(lower, 0x2D)
        let at = Self.equal(lower, 0x40) & lanes
        let plus = Self.equal(lower, 0x2B) & lanes
        let underscoreOrPlus = Self.equal(lower, 0x5F) & lanes | plus
        let edges = (dot | hyphen | at) & lanes
        let allowed =
            Self.inRange(lower, 0x61, 0x7A) | Self.inRange(lower, 0x30, 0x39) | dot | hyphen | at | underscoreOrPlus
        self.bad |= (word & high & lanes) | (~allowed & lanes) | (edges & ((edges << 8) | (self.previousEdges >> 56)))
        self.previousEdges = edges
        self.upper |= upper
        // Positions by lane (8 bits each); conditional moves, not branches.
        self.firstAt = min(self.firstAt, at != 0 ? offset + at.trailingZeroBitCount >> 3 : Int.max)
        self.lastAt = max(self.lastAt, at != 0 ? offset + (63 - at.leadingZeroBitCount) >> 3 : -1)
        self.firstPlus = min(self.firstPlus, plus != 0 ? offset + plus.trailingZeroBitCount >> 3 : Int.max)
        self.lastUnderscoreOrPlus = max(
            self.lastUnderscoreOrPlus,
            underscoreOrPlus != 0 ? offset + (63 - underscoreOrPlus.leadingZeroBitCount) >> 3 : -1
        )
    }

    /// 0x80 in the lanes of `seven` (every lane below 0x80) equal to `byte`.
    @inline(__always)
    static func equal(_ seven: UInt64, _ byte: UInt8) -> UInt64 {
        // A lane is zero after the XOR only if equal; adding 0x7F sets its top bit otherwise.
        ~((seven ^ (Self.ones &* UInt64(byte))) &+ Self.lowBits) & AddressNormalizer.highBits
    }

    /// 0x80 in the lanes of `seven` (every lane below 0x80) within `low...high`.
    @inline(__always)
    static func inRange(_ seven: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        // A lane reaches 0x80 when at least `low`, and again (with the second constant) when
        // above `high`; neither sum exceeds 0xFF, so no lane carries into the next.
        let atLeastLow = seven &+ Self.ones &* UInt64(0x80 - low)
        let aboveHigh = seven &+ Self.ones &* UInt64(0x7F - high)
        return atLeastLow & ~aboveHigh & AddressNormalizer.highBits
    }
}
