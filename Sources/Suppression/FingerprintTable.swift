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
///
/// - Prefetch: a lookup computes every fingerprint it will probe first and asks for their cache
///   lines (``prefetch(_:)``), then probes; the random reads into a table of hundreds of
///   megabytes then overlap each other and the hashing instead of following one another.
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

    init(expectedCount: Int) {
        self.capacity = expectedCount == 0 ? 0 : max(8, Int((Double(expectedCount) / Self.loadFactor).rounded(.up)) + 1)
        self.fingerprints = TableMemory.allocateZeroed(self.capacity)
        self.packed = TableMemory.allocateZeroed(self.capacity)
        self.ids = TableMemory.allocateZeroed(self.capacity)
    }

    deinit {
        TableMemory.deallocate(self.fingerprints)
        TableMemory.deallocate(self.packed)
        TableMemory.deallocate(self.ids)
    }

    /// Bytes held by the three arrays.
    var allocatedBytes: Int { self.capacity * (8 + 8 + 4) }

    @inline(__always)
    private func home(_ fingerprint: UInt64) -> Int {
        Int(truncatingIfNeeded: fingerprint.multipliedFullWidth(by: UInt64(self.capacity)).high)
    }

    /// Starts loading the fingerprints a probe for `fingerprint` reads: the home slot's cache line
    /// and the next one (a probe that misses walks 8.5 slots on average at this load factor, so
    /// it usually runs into the next line).
    @inline(__always)
    func prefetch(_ fingerprint: UInt64) {
        guard self.capacity > 0, let base = self.fingerprints.baseAddress else { return }
        let slot = self.home(fingerprint)
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
        self.count += 1
    }

    /// The first slot holding `fingerprint` whose packed word satisfies `accept`, if any.
    @inline(__always)
    func first(_ fingerprint: UInt64, where accept: (UInt64) -> Bool) -> (packed: UInt64, id: UInt32)? {
        guard self.capacity > 0 else { return nil }
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
}
