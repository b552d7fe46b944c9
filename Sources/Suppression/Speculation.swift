/// Whether a snapshot keys its exact filter by skeletons (``AddressNormalizer/skeletonKey(_:)``)
/// so that lookups start the filter read before normalising.
///
/// That costs two skeletons a lookup (~30 ns each: the address as given, then the canonical
/// form) and pays only when the filter read is the lookup's one long wait, a read from memory.
/// `automatic` turns it on when both hold (measured on the build VM, addresses only, p50 per call
/// without → with):
/// - the exact filter is over ``minimumFilterBytes``: smaller ones stay in the L3 cache, where a
///   read costs ~40 ns and the skeletons cost more than they hide (1 M entries, a 1 MB filter:
///   100 → 180 ns; 3 M: 120 → 190 ns; 10 M, a 10 MB filter: 240 → 210 ns, side by side);
/// - there are no hashed-list entries: their digests are computed after normalising and their
///   filter reads follow, so they are the long wait (10 M mixed list: 290 → 361 ns).
enum Speculation: Sendable {
    case automatic
    case always
    case never

    /// 8 MiB (8.4 M exact entries): on the build VM random reads cost 40 ns over 4 MiB and
    /// 140 ns from 8 MiB up (`Benchmarks/tools/memory-latency.c`). A machine with a larger cache
    /// loses ~20 ns a lookup at sizes where the filter still fits; one with a smaller cache
    /// misses the gain between its cache size and this.
    static let minimumFilterBytes = 8 << 20

    func applies(exactEntries: Int, hashedEntries: Int) -> Bool {
        switch self {
        case .always: exactEntries > 0
        case .never: false
        case .automatic:
            hashedEntries == 0
                && FingerprintFilter.blockCount(forKeys: exactEntries) * FingerprintFilter.blockBytes
                    > Self.minimumFilterBytes
        }
    }
}
