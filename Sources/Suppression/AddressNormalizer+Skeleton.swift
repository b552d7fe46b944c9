#if canImport(Glibc)
import Glibc
#endif

extension AddressNormalizer {
    /// The key the exact table's filter is indexed by: a hash of an address's *skeleton*, what
    /// normalisation leaves unchanged in a common recipient.
    ///
    /// The skeleton, after one leading `<` and one trailing `>` are trimmed: the local part (up
    /// to the first `@` after the first byte) cut at its first sub-address separator and with its
    /// dots dropped (both after the first byte), and the domain; ASCII letters lower-cased
    /// throughout. The hash covers the local part's last 16 kept bytes, their count and sum, and
    /// the whole domain.
    ///
    /// Why: the filter read is a random access to memory (~140 ns for a 10 M-entry list), and a
    /// key that needs the canonical address can only be computed after normalisation (~50 ns).
    /// Case, a `+tag`, Gmail's dots and the MTA's brackets do not change the skeleton, so a lookup
    /// computes it from the address as given, starts loading the filter block, and normalises
    /// while the block travels. Correctness never rests on that guess: the filter is checked
    /// with the key of the canonical address, which is what it was built from; a wrong guess (a
    /// display name, `googlemail.com`, a quoted local part) only costs the read that was not
    /// started early.
    ///
    /// It is computed in registers, with no scratch buffer: a hash that reads back bytes just
    /// stored one at a time waits for those stores, which cost as much as the rest. Addresses
    /// that share a skeleton (`a.b@x` and `ab@x`), or local parts over 16 bytes that differ only
    /// by a reordering before their last 16, share a key: for the filter that is one more
    /// possible false positive, answered by the table, which is keyed by the full canonical
    /// address.
    @inline(__always)
    func skeletonKey(_ address: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let source = address.baseAddress else { return Skeleton.seed }
        let (start, end) = Skeleton.trimmed(address)
        let classes = self.tables.classes
        // The local part's kept bytes shift through `low` into `high`; `kept` counts them.
        var low: UInt64 = 0
        var high: UInt64 = 0
        var kept: UInt64 = 0
        var sum: UInt64 = 0
        var index = start
        if index < end {
            low = UInt64(UInt8(truncatingIfNeeded: classes[Int(source[index])]))
            sum = low
            kept = 1
            index += 1
        }
        var cut: UInt32 = 0
        while index < end && source[index] != AddressNormalizer.at {
            let entry = classes[Int(source[index])]
            cut |= entry & Class.separator
            // Both values are computed and one kept: a conditional move, not a branch.
            let keep = (cut | (entry & Class.dot)) == 0
            let byte = UInt64(UInt8(truncatingIfNeeded: entry))
            let shiftedHigh = (high << 8) | (low >> 56)
            let shiftedLow = (low << 8) | byte
            high = keep ? shiftedHigh : high
            low = keep ? shiftedLow : low
            kept &+= keep ? 1 : 0
            sum &+= keep ? byte : 0
            index += 1
        }
        let domainStart = Swift.min(index + 1, end)
        let domainCount = end - domainStart
        var domain: UInt64 = 0
        if domainCount >= 8 {
            // Whole words, the last one ending at the end (overlapping the one before).
            let raw = UnsafeRawPointer(source)
            var offset = domainStart
            while offset + 8 < end {
                domain = Skeleton.fold(
                    domain ^ Skeleton.lowercased(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                    0x7c01_812c_f721_ad1c
                )
                offset += 8
            }
            domain ^= Skeleton.lowercased(raw.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self))
        } else {
            for position in domainStart..<end {
                domain = (domain << 8) | UInt64(UInt8(truncatingIfNeeded: classes[Int(source[position])]))
            }
        }
        return Skeleton.mix(local: (low, high, kept, sum), domain: domain, domainCount: UInt64(domainCount))
    }

    private typealias Class = NormalizerTables.Class
}

/// Constants and arithmetic of ``AddressNormalizer/skeletonKey(_:)``.
enum Skeleton {
    static let seed: UInt64 = 0x736b_656c_6574_6f6e
    static let openingBracket = UInt8(ascii: "<")
    static let closingBracket = UInt8(ascii: ">")

    /// The part of `address` a skeleton is made of: without one leading `<` and one trailing `>`.
    @inline(__always)
    static func trimmed(_ address: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int) {
        var start = 0
        var end = address.count
        if end > 0 && address[0] == self.openingBracket {
            start = 1
        }
        if end > start && address[end - 1] == self.closingBracket {
            end -= 1
        }
        return (start, end)
    }

    /// Whether `canonical` has the same skeleton key as `address` because it is the same bytes
    /// once `address` is trimmed (and trimming leaves `canonical` as it is): then the key of the
    /// address as given can stand for the canonical one's without computing it again.
    @inline(__always)
    static func sameKey(_ address: UnsafeBufferPointer<UInt8>, _ canonical: UnsafeBufferPointer<UInt8>) -> Bool {
        let (start, end) = self.trimmed(address)
        guard canonical.count == end - start, canonical.count > 0,
            canonical[0] != self.openingBracket, canonical[canonical.count - 1] != self.closingBracket
        else { return false }
        return memcmp(address.baseAddress! + start, canonical.baseAddress!, canonical.count) == 0
    }

    /// ASCII upper-case letters of a word lower-cased, every other byte as it is.
    @inline(__always)
    static func lowercased(_ word: UInt64) -> UInt64 {
        let ascii = ~word & AddressNormalizer.highBits
        let upper = WordScan.inRange(word & WordScan.lowBits, 0x41, 0x5A) & ascii
        return word | (upper >> 2)
    }

    /// Folds the parts with 64×64→128-bit multiplies (XXH3's mixing step) and finishes with
    /// XXH3's avalanche, so every input bit reaches the block and bit choices.
    @inline(__always)
    static func mix(
        local: (low: UInt64, high: UInt64, kept: UInt64, sum: UInt64),
        domain: UInt64,
        domainCount: UInt64
    ) -> UInt64 {
        var hash = self.fold(local.low ^ 0xbe4b_a423_396c_feb8, local.high ^ 0x1cad_2160_6b4b_c2e5)
        hash ^= self.fold(
            domain ^ 0xf7c9_3a8d_a6e0_3b3a,
            (local.kept | local.sum << 8 | domainCount << 40) ^ self.seed
        )
        hash ^= hash >> 37
        hash &*= 0x1656_6791_9E37_79F9
        return hash ^ (hash >> 32)
    }

    @inline(__always)
    static func fold(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        return product.high ^ product.low
    }
}
