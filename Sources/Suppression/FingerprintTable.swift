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
///   lines (``FingerprintTableView/prefetch(_:)``), then probes; the random reads into a table of hundreds of
///   megabytes then overlap each other and the hashing instead of following one another.
/// - Filter: a ``FingerprintFilter`` (1 byte an entry) in front of the table answers most lookups
///   of recipients that are not listed from the CPU cache; only possible hits read the table.
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
    private let filter: UnsafeMutableBufferPointer<UInt32>
    private let filterBlocks: Int

    init(expectedCount: Int) {
        self.capacity = expectedCount == 0 ? 0 : max(8, Int((Double(expectedCount) / Self.loadFactor).rounded(.up)) + 1)
        self.fingerprints = TableMemory.allocateZeroed(self.capacity)
        self.packed = TableMemory.allocateZeroed(self.capacity)
        self.ids = TableMemory.allocateZeroed(self.capacity)
        self.filterBlocks = FingerprintFilter.blockCount(forKeys: expectedCount)
        self.filter = TableMemory.allocateZeroed(self.filterBlocks * FingerprintFilter.wordsPerBlock)
    }

    deinit {
        TableMemory.deallocate(self.fingerprints)
        TableMemory.deallocate(self.packed)
        TableMemory.deallocate(self.ids)
        TableMemory.deallocate(self.filter)
    }

    /// Bytes held by the arrays.
    var allocatedBytes: Int { self.capacity * (8 + 8 + 4) + self.filter.count * 4 }

    /// The read-only probing view the snapshot uses (valid while this table lives).
    var view: FingerprintTableView {
        FingerprintTableView(
            capacity: self.capacity,
            fingerprints: UnsafePointer(self.fingerprints.baseAddress),
            packed: UnsafePointer(self.packed.baseAddress),
            ids: UnsafePointer(self.ids.baseAddress),
            filter: UnsafePointer(self.filter.baseAddress),
            filterBlocks: self.filterBlocks
        )
    }

    /// Adds a slot; build time only. Precondition: fewer entries than `expectedCount` allowed for.
    func insert(fingerprint: UInt64, packed: UInt64, id: UInt32) {
        precondition(self.count < self.capacity - 1, "table sized for fewer entries than inserted")
        var slot = FingerprintTableView.home(fingerprint, capacity: self.capacity)
        while self.fingerprints[slot] != 0 {
            slot += 1
            if slot == self.capacity {
                slot = 0
            }
        }
        self.fingerprints[slot] = fingerprint
        self.packed[slot] = packed
        self.ids[slot] = id
        FingerprintFilter.insert(fingerprint, into: self.filter.baseAddress!, blocks: self.filterBlocks)
        self.count += 1
    }

}
