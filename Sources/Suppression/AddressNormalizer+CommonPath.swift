extension AddressNormalizer {
    /// The common case, `Jane.Doe+news@Example.com`: an ASCII dot-atom local part and an ASCII
    /// host name with no `xn--` label, no trailing dot and at most 63 octets.
    ///
    /// The general path is branchy per byte (is it a dot? below 64? a letter?), and on a mix of
    /// letters, digits and dots those branches mispredict often enough to cost more than the
    /// work. Here each byte costs one table load and a few AND/OR operations with no branch: the
    /// table entry holds the byte lower-cased and what the byte is, and everything that would
    /// take the address off the common case only sets bits in `offCommon`, checked once at the
    /// end. The basic form is just the input lower-cased, written by the same loops. When there
    /// is no sub-address and no provider rule, the canonical key is the basic form (no copy);
    /// otherwise a second branch-free loop over the local part writes it.
    ///
    /// Returns nil, having written only scratch space, for anything else, including every input
    /// the general path rejects: that path then produces the result or the error. So the two
    /// paths agree by construction; the differential tests check it.
    @inline(__always)
    func normalizeCommon(
        _ input: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        scratch: Scratch
    ) -> NormalizedBytes? {
        let count = end - start
        // At least `a@b`, which keeps the backward loop in bounds; at most the longest common-path
        // address (a 64-octet local part, `@`, one 63-octet label), which keeps every write inside
        // the scratch regions: the backward loop writes before it knows where the `@` is.
        guard count >= 3, count <= Self.maximumLocalPartOctets + 1 + Self.maximumLabelOctets else { return nil }
        let source = input.baseAddress! + start
        let classes = self.tables.classes
        let basic = scratch.basic.baseAddress!
        let edges = Class.boundary | Class.hyphen
        // The domain, from the end back to the last `@` (the one the general parser splits at):
        // finding the `@` and classifying the domain is one loop, so one mispredicted exit.
        // Pairs of `.`, `@` and `-` are refused the same either way round, so going backwards
        // checks the same thing.
        var offCommon: UInt32 = 0
        var previous = Class.boundary  // the end behaves like a boundary: no trailing `.` or `-`
        var atIndex = count - 1
        while source[atIndex] != Self.at {
            let entry = classes[Int(source[atIndex])]
            basic[atIndex] = UInt8(truncatingIfNeeded: entry)
            // One OR into `offCommon` per byte: it is the loop's only long dependency chain.
            offCommon |= (entry & Class.notDomain) | ((entry >> 16) & previous)
            previous = entry
            atIndex -= 1
            if atIndex == 0 {
                return nil  // no `@`, or an empty local part (index 0 is never read here)
            }
        }
        offCommon |= previous & edges  // no leading `.` or `-` in the domain
        let localCount = atIndex
        guard localCount <= Self.maximumLocalPartOctets, count - localCount - 1 > 0,
            count - localCount - 1 <= Self.maximumLabelOctets  // so no label needs its length checked
        else {
            return nil
        }
        basic[localCount] = Self.at
        // The local part; `@` counts as not allowed in it, so a second `@` leaves the common path.
        var seen: UInt32 = 0
        previous = Class.boundary  // no leading `.` or `-`
        for index in 0..<localCount {
            let entry = classes[Int(source[index])]
            basic[index] = UInt8(truncatingIfNeeded: entry)
            offCommon |= (entry & Class.notLocal) | ((entry >> 16) & previous)
            seen |= entry
            previous = entry
        }
        offCommon |= previous & edges  // no trailing `.` (nor `-`, which the domain would refuse)
        guard offCommon == 0 else { return nil }

        let domainOffset = localCount + 1
        let domain = UnsafeBufferPointer(start: basic + domainOffset, count: count - domainOffset)
        let rule = self.tables.rule(for: domain)
        let keepsCase = !self.options.lowercaseLocalPart && seen & Class.upper != 0
        if rule == nil && seen & Class.separator == 0 && !keepsCase {
            // Nothing to cut, drop or re-case: the canonical key is the basic form itself.
            let whole = UnsafeBufferPointer(start: UnsafePointer(basic), count: count)
            return NormalizedBytes(canonical: whole, basic: whole, domain: domain)
        }
        return self.canonicalLocalPart(source, localCount, rule: rule, scratch: scratch).map { canonicalCount in
            Self.finish(
                canonicalOut: scratch.canonical,
                localCount: canonicalCount,
                basicOut: scratch.basic,
                basicCount: count,
                domain: domain,
                rule: rule
            )
        }
    }

    /// Writes the canonical local part of a common-path address: cut at the first separator
    /// after the first byte, dots dropped under a rule that says so. Each byte is written and
    /// the length advances only when it is kept, so the loop has no data-dependent branch.
    /// Returns its length, or nil when it ends in a dot (`a.+tag`: the general path quotes it).
    @inline(__always)
    func canonicalLocalPart(
        _ source: UnsafePointer<UInt8>,
        _ localCount: Int,
        rule: NormalizerTables.RuleMatch?,
        scratch: Scratch
    ) -> Int? {
        let classes = self.tables.classes
        let canonical = scratch.canonical.baseAddress!
        let kept = self.options.lowercaseLocalPart ? UnsafePointer(scratch.basic.baseAddress!) : source
        let dropped = rule?.removeDots ?? false ? Class.dot : 0
        canonical[0] = kept[0]
        var canonicalCount = 1
        var cut: UInt32 = 0
        for index in 1..<localCount {
            let entry = classes[Int(source[index])]
            cut |= entry & Class.separator
            canonical[canonicalCount] = kept[index]
            canonicalCount += (cut | (entry & dropped)) == 0 ? 1 : 0
        }
        return canonical[canonicalCount - 1] == Self.dot ? nil : canonicalCount
    }

    private typealias Class = NormalizerTables.Class
}
