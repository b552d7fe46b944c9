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
    /// Nil when the table is untagged.
    let tags: UnsafePointer<UInt8>?

    var isEmpty: Bool { self.capacity == 0 }

    /// Home slot: Lemire's multiply-shift range reduction of the fingerprint.
    @inline(__always)
    static func home(_ fingerprint: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: fingerprint.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// A slot's tag: the fingerprint's low byte (the home slot comes from its high bits), never 0,
    /// which marks an empty slot.
    @inline(__always)
    static func tag(_ fingerprint: UInt64) -> UInt8 {
        let low = UInt8(truncatingIfNeeded: fingerprint)
        return low == 0 ? 1 : low
    }

    /// Starts loading what a probe for `fingerprint` reads first: the home slot's cache line and
    /// the next one (a probe that misses walks 8.5 slots on average at this load factor, so it
    /// often runs into the next line), of the tags when the table has them.
    @inline(__always)
    func prefetch(_ fingerprint: UInt64) {
        guard self.capacity > 0 else { return }
        let slot = Self.home(fingerprint, capacity: self.capacity)
        if let tags = self.tags {
            optout_prefetch(tags + slot)
            return
        }
        let base = self.fingerprints.unsafelyUnwrapped
        optout_prefetch(base + slot)
        if slot + 8 < self.capacity {
            optout_prefetch(base + slot + 8)
        }
    }

    /// The first slot holding `fingerprint` whose packed word satisfies `accept`, if any.
    @inline(__always)
    func first(_ fingerprint: UInt64, where accept: (UInt64) -> Bool) -> (packed: UInt64, id: UInt32)? {
        guard self.capacity > 0 else { return nil }
        let fingerprints = self.fingerprints.unsafelyUnwrapped
        var slot = Self.home(fingerprint, capacity: self.capacity)
        if let tags = self.tags {
            // Fingerprints are read only where the tag matches (1 slot in 255 of those a miss walks).
            let tag = Self.tag(fingerprint)
            while true {
                let stored = tags[slot]
                if stored == 0 {
                    return nil
                }
                if stored == tag && fingerprints[slot] == fingerprint, let hit = self.accepted(slot, accept) {
                    return hit
                }
                slot = slot + 1 == self.capacity ? 0 : slot + 1
            }
        }
        while true {
            let stored = fingerprints[slot]
            if stored == 0 {
                return nil
            }
            if stored == fingerprint, let hit = self.accepted(slot, accept) {
                return hit
            }
            slot = slot + 1 == self.capacity ? 0 : slot + 1
        }
    }

    @inline(__always)
    private func accepted(_ slot: Int, _ accept: (UInt64) -> Bool) -> (packed: UInt64, id: UInt32)? {
        let word = self.packed.unsafelyUnwrapped[slot]
        return accept(word) ? (word, self.ids.unsafelyUnwrapped[slot]) : nil
    }
}
