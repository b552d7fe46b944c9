/// A split-block Bloom filter over a table's fingerprints: the layout Apache Parquet specifies
/// (blocks of eight 32-bit words; a key sets one bit in each word of one block).
///
/// Why: most recipients are not on the list, and a probe of a 10 M-entry table is a random read
/// of DRAM (~140 ns on the build VM) however the table is laid out. At 8 bits a key the filter of
/// 10 M entries is 10 MB, small enough to stay in the L3 cache, and one block (32 bytes, inside
/// one cache line) answers "certainly not listed" for about 98 % of absent keys. Only possible
/// hits (listed recipients, and ~2 % false positives) go on to the table. The snapshot is
/// immutable, so the filter is built once with it and never updated.
enum FingerprintFilter {
    static let bitsPerKey = 8
    static let wordsPerBlock = 8
    static let blockBytes = wordsPerBlock * MemoryLayout<UInt32>.size

    /// Blocks for `keys` keys at ``bitsPerKey`` (a block is 256 bits).
    static func blockCount(forKeys keys: Int) -> Int {
        keys == 0 ? 0 : max(1, (keys * self.bitsPerKey + 255) / 256)
    }

    /// The block: the fingerprint's high half, range-reduced (the low half picks the bits).
    @inline(__always)
    static func block(_ fingerprint: UInt64, blocks: Int) -> Int {
        Int(truncatingIfNeeded: ((fingerprint >> 32) &* UInt64(blocks)) >> 32)
    }

    /// Bit `i` of the block: the top five bits of the low half times an odd constant (Parquet's).
    @inline(__always)
    static func mask(_ key: UInt32, _ salt: UInt32) -> UInt32 {
        1 << ((key &* salt) >> 27)
    }

    @inline(__always)
    static func insert(_ fingerprint: UInt64, into words: UnsafeMutablePointer<UInt32>, blocks: Int) {
        let base = words + self.block(fingerprint, blocks: blocks) * self.wordsPerBlock
        let key = UInt32(truncatingIfNeeded: fingerprint)
        base[0] |= self.mask(key, 0x47b6_137b)
        base[1] |= self.mask(key, 0x4497_4d91)
        base[2] |= self.mask(key, 0x8824_ad5b)
        base[3] |= self.mask(key, 0xa2b7_289d)
        base[4] |= self.mask(key, 0x7054_95c7)
        base[5] |= self.mask(key, 0x2df1_424b)
        base[6] |= self.mask(key, 0x9efc_4947)
        base[7] |= self.mask(key, 0x5c6b_fb31)
    }

    /// False only when no key with this fingerprint was inserted. Branch-free over the block.
    @inline(__always)
    static func mayContain(_ fingerprint: UInt64, words: UnsafePointer<UInt32>, blocks: Int) -> Bool {
        let base = words + self.block(fingerprint, blocks: blocks) * self.wordsPerBlock
        let key = UInt32(truncatingIfNeeded: fingerprint)
        var missing = ~base[0] & self.mask(key, 0x47b6_137b)
        missing |= ~base[1] & self.mask(key, 0x4497_4d91)
        missing |= ~base[2] & self.mask(key, 0x8824_ad5b)
        missing |= ~base[3] & self.mask(key, 0xa2b7_289d)
        missing |= ~base[4] & self.mask(key, 0x7054_95c7)
        missing |= ~base[5] & self.mask(key, 0x2df1_424b)
        missing |= ~base[6] & self.mask(key, 0x9efc_4947)
        missing |= ~base[7] & self.mask(key, 0x5c6b_fb31)
        return missing == 0
    }

    /// The address of the block to prefetch.
    @inline(__always)
    static func blockAddress(_ fingerprint: UInt64, words: UnsafePointer<UInt32>, blocks: Int) -> UnsafePointer<UInt32>
    {
        words + self.block(fingerprint, blocks: blocks) * self.wordsPerBlock
    }
}
