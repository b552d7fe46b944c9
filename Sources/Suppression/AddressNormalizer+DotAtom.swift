extension AddressNormalizer {
    /// The common case in one pass: an unquoted, ASCII dot-atom local part (`Jane.Doe+news`).
    ///
    /// The general path copies the local part, lower-cases it, then renders each output form
    /// in two passes (copy, then a shift when no quotes are needed): six passes over the local
    /// part. A dot-atom needs no quoting in either form, so here the basic and canonical local
    /// parts are written in one loop. Returns nil, having written only scratch space, for
    /// anything else (quoted or UTF-8 local parts, stray dots, an empty domain), which the
    /// general path then handles; errors it throws are the ones the general path would throw.
    @inline(__always)
    func normalizeDotAtom(
        _ input: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        scratch: Scratch
    ) throws -> NormalizedBytes? {
        var atIndex = end - 1
        while atIndex > start && input[atIndex] != Self.at {
            atIndex -= 1
        }
        let localCount = atIndex - start
        guard localCount > 0, localCount <= Self.maximumLocalPartOctets, input[atIndex] == Self.at else {
            return nil
        }
        var previousWasDot = true  // a leading dot is not a dot-atom
        for index in start..<atIndex {
            let byte = input[index]
            if byte == Self.dot {
                if previousWasDot {
                    return nil
                }
                previousWasDot = true
            } else if ASCIISet.atext.contains(byte) {
                previousWasDot = false
            } else {
                return nil  // UTF-8, a quote, or a character the general path reports
            }
        }
        if previousWasDot {
            return nil
        }
        var domainEnd = end
        if domainEnd > atIndex + 1 && input[domainEnd - 1] == Self.dot {
            domainEnd -= 1  // the root label: `example.com.` is `example.com`
        }
        guard domainEnd > atIndex + 1 else { return nil }

        // Basic form: the lower-cased local part as it is (a dot-atom needs no quotes), `@`,
        // then the domain canonicalised straight behind it.
        let basicOut = scratch.basic
        let domainOffset = localCount + 1
        basicOut[localCount] = Self.at
        let domainCount = try Self.canonicalDomain(
            UnsafeBufferPointer(rebasing: input[(atIndex + 1)..<domainEnd]),
            into: UnsafeMutableBufferPointer(rebasing: basicOut[domainOffset...])
        )
        let basicCount = domainOffset + domainCount
        let domain = UnsafeBufferPointer(rebasing: basicOut[domainOffset..<basicCount])
        let rule = self.providerRule(for: domain)
        let removeDots = rule?.removeDots ?? false
        let lowercase = self.options.lowercaseLocalPart

        let canonicalOut = scratch.canonical
        var canonicalCount = 0
        var cut = false
        for offset in 0..<localCount {
            let raw = input[start + offset]
            let lower = Self.asciiLower(raw)
            basicOut[offset] = lower
            if cut {
                continue
            }
            let byte = lowercase ? lower : raw
            if offset > 0 && self.separators.contains(byte) {
                cut = true
            } else if !(removeDots && byte == Self.dot) {
                canonicalOut[canonicalCount] = byte
                canonicalCount += 1
            }
        }
        // Cutting the sub-address can leave a trailing dot (`a.+tag`): not a dot-atom any more,
        // so the general path quotes it.
        guard canonicalOut[canonicalCount - 1] != Self.dot else { return nil }
        return Self.finish(
            canonicalOut: canonicalOut,
            localCount: canonicalCount,
            basicOut: basicOut,
            basicCount: basicCount,
            domain: domain,
            rule: rule
        )
    }
}
