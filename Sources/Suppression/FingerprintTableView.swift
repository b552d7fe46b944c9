import CLookupSupport

/// The probing side of a ``FingerprintTable``: its arrays as plain pointers.
///
/// A struct of pointers rather than the table object, so a lookup does no reference counting
/// (retaining and releasing a table per probe showed in profiles). The snapshot that holds the
/// view also holds the table, which keeps the memory alive and unchanged: that is what makes the
/// `@unchecked Sendable` sound.
struct FingerprintTableView: @unchecked Sendable {
    let capacity: Int
    let fingerprints: UnsafePointer<UInt64>?
    let packed: UnsafePointer<UInt64>?
    let ids: UnsafePointer<UInt32>?
    let filter: UnsafePointer<UInt32>?
    let filterBlocks: Int

    /// Home slot: Lemire's multiply-shift range reduction of the fingerprint.
    @inline(__always)
    static func home(_ fingerprint: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: fingerprint.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// Starts loading what a probe for `fingerprint` reads: the filter block, and the home slot's
    /// line of fingerprints (so a listed recipient does not pay two memory latencies in a row).
    @inline(__always)
    func prefetch(_ fingerprint: UInt64) {
        guard self.capacity > 0 else { return }
        optout_prefetch(
            FingerprintFilter.blockAddress(fingerprint, words: self.filter.unsafelyUnwrapped, blocks: self.filterBlocks)
        )
        optout_prefetch(self.fingerprints.unsafelyUnwrapped + Self.home(fingerprint, capacity: self.capacity))
    }

    /// The first slot holding `fingerprint` whose packed word satisfies `accept`, if any.
    @inline(__always)
    func first(_ fingerprint: UInt64, where accept: (UInt64) -> Bool) -> (packed: UInt64, id: UInt32)? {
        guard self.capacity > 0,
            FingerprintFilter.mayContain(fingerprint, words: self.filter.unsafelyUnwrapped, blocks: self.filterBlocks)
        else { return nil }
        let fingerprints = self.fingerprints.unsafelyUnwrapped
        var slot = Self.home(fingerprint, capacity: self.capacity)
        while true {
            let stored = fingerprints[slot]
            if stored == 0 {
                return nil
            }
            if stored == fingerprint {
                let word = self.packed.unsafelyUnwrapped[slot]
                if accept(word) {
                    return (word, self.ids.unsafelyUnwrapped[slot])
                }
            }
            slot = slot + 1 == self.capacity ? 0 : slot + 1
        }
    }
}
