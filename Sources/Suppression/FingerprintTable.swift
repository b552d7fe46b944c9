import CLookupSupport

/// An open-addressing hash table of 64-bit fingerprints with, per slot, a packed word (effective
/// time, scope, kind) and the entry id: 20 bytes a slot in three flat arrays, no per-entry objects.
///
/// - Home slot: `fingerprint × capacity >> 64` (Lemire's multiply-shift range reduction), so the
///   capacity needs not be a power of two and can sit at the load factor exactly.
/// - Linear probing: a probe walks consecutive fingerprints (8 bytes each, eight to a cache line)
///   and touches the other two arrays only on a fingerprint match.
/// - Duplicates (one address opted out of several categories) occupy several slots; a lookup
///   visits all of them until the first empty slot.
/// - Prefetch: a lookup computes every fingerprint it will probe first and asks for their cache
///   lines (``prefetch(_:)``), then probes; the random reads into a table of hundreds of
///   megabytes then overlap each other and the hashing instead of following one another.
/// - Tags (optional, for the hashed-list tables): one byte per slot taken from the fingerprint,
///   probed instead of the fingerprints. A hashed list of a few hundred thousand entries has
///   ~2 MB of fingerprints, which the exact table's traffic keeps pushing out of the cache, but
///   a quarter-megabyte of tags stays in L2; so the probes that follow a SHA-256 or MD5 digest
///   (which cannot start before the digest is done) cost a cache hit instead of a second memory
///   latency. One byte more per slot; the exact table goes without (its tags would not fit any
///   cache either, and would add a memory access to every hit).
///
/// Written only while a snapshot is built (single-threaded), then read-only and shared: that is
/// what makes the `@unchecked Sendable` sound.
final class FingerprintTable: @unchecked Sendable {
    /// Slots per entry: 1/0.75. Expected probes at 0.75: 2.5 for a hit, 8.5 for a miss (all in
    /// one or two cache lines of fingerprints).
    static let loadFactor = 0.75

    let capacity: Int
    private(set) var count = 0
    private let fingerprints: UnsafeMutableBufferPointer<UInt64>
    private let packed: UnsafeMutableBufferPointer<UInt64>
    private let ids: UnsafeMutableBufferPointer<UInt32>
    /// Empty (count 0) when the table is untagged.
    private let tags: UnsafeMutableBufferPointer<UInt8>

    init(expectedCount: Int, tagged: Bool = false) {
        self.capacity = expectedCount == 0 ? 0 : max(8, Int((Double(expectedCount) / Self.loadFactor).rounded(.up)) + 1)
        self.fingerprints = TableMemory.allocateZeroed(self.capacity)
        self.packed = TableMemory.allocateZeroed(self.capacity)
        self.ids = TableMemory.allocateZeroed(self.capacity)
        self.tags = TableMemory.allocateZeroed(tagged ? self.capacity : 0)
    }

    deinit {
        TableMemory.deallocate(self.fingerprints)
        TableMemory.deallocate(self.packed)
        TableMemory.deallocate(self.ids)
        TableMemory.deallocate(self.tags)
    }

    /// Bytes held by the arrays.
    var allocatedBytes: Int { self.capacity * (8 + 8 + 4) + self.tags.count }

    @inline(__always)
    private func home(_ fingerprint: UInt64) -> Int {
        Int(truncatingIfNeeded: fingerprint.multipliedFullWidth(by: UInt64(self.capacity)).high)
    }

    /// A slot's tag: the fingerprint's low byte (the home slot comes from its high bits), never 0,
    /// which marks an empty slot.
    @inline(__always)
    private static func tag(_ fingerprint: UInt64) -> UInt8 {
        let low = UInt8(truncatingIfNeeded: fingerprint)
        return low == 0 ? 1 : low
    }

    /// Starts loading what a probe for `fingerprint` reads first: the home slot's cache line and
    /// the next one (a probe that misses walks 8.5 slots on average at this load factor, so it
    /// often runs into the next line), of the tags when the table has them.
    @inline(__always)
    func prefetch(_ fingerprint: UInt64) {
        guard self.capacity > 0 else { return }
        let slot = self.home(fingerprint)
        if !self.tags.isEmpty {
            optout_prefetch(self.tags.baseAddress! + slot)
            return
        }
        let base = self.fingerprints.baseAddress!
        optout_prefetch(base + slot)
        if slot + 8 < self.capacity {
            optout_prefetch(base + slot + 8)
        }
    }

    /// Adds a slot; build time only. Precondition: fewer entries than `expectedCount` allowed for.
    func insert(fingerprint: UInt64, packed: UInt64, id: UInt32) {
        precondition(self.count < self.capacity - 1, "table sized for fewer entries than inserted")
        var slot = self.home(fingerprint)
        while self.fingerprints[slot] != 0 {
            slot += 1
            if slot == self.capacity {
                slot = 0
            }
        }
        self.fingerprints[slot] = fingerprint
        self.packed[slot] = packed
        self.ids[slot] = id
        if !self.tags.isEmpty {
            self.tags[slot] = Self.tag(fingerprint)
        }
        self.count += 1
    }

    /// The first slot holding `fingerprint` whose packed word satisfies `accept`, if any.
    @inline(__always)
    func first(_ fingerprint: UInt64, where accept: (UInt64) -> Bool) -> (packed: UInt64, id: UInt32)? {
        guard self.capacity > 0 else { return nil }
        if !self.tags.isEmpty {
            return self.firstTagged(fingerprint, where: accept)
        }
        var slot = self.home(fingerprint)
        while true {
            let stored = self.fingerprints[slot]
            if stored == 0 {
                return nil
            }
            if stored == fingerprint {
                let word = self.packed[slot]
                if accept(word) {
                    return (word, self.ids[slot])
                }
            }
            slot += 1
            if slot == self.capacity {
                slot = 0
            }
        }
    }

    /// ``first(_:where:)`` over the tags: fingerprints are read only where the tag matches
    /// (1 slot in 255 of those a miss walks).
    @inline(__always)
    private func firstTagged(_ fingerprint: UInt64, where accept: (UInt64) -> Bool) -> (packed: UInt64, id: UInt32)? {
        let tag = Self.tag(fingerprint)
        var slot = self.home(fingerprint)
        while true {
            let stored = self.tags[slot]
            if stored == 0 {
                return nil
            }
            if stored == tag && self.fingerprints[slot] == fingerprint {
                let word = self.packed[slot]
                if accept(word) {
                    return (word, self.ids[slot])
                }
            }
            slot += 1
            if slot == self.capacity {
                slot = 0
            }
        }
    }
}
