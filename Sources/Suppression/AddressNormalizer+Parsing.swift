import Foundation

extension AddressNormalizer {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let at = UInt8(ascii: "@")
    static let dot = UInt8(ascii: ".")

    /// RFC 5321 `Local-part` content longer than this is refused.
    static let maximumLocalPartOctets = 64

    /// `commonPath: false` is for the differential tests: the general parser on its own.
    ///
    /// Inlined, so the common path's result stays in registers: returned through memory, its
    /// 8-byte stores read back as 16-byte loads stalled the caller on store forwarding.
    @inline(__always)
    func normalize(
        _ input: UnsafeBufferPointer<UInt8>,
        scratch: inout Scratch,
        commonPath: Bool = true
    ) throws -> NormalizedBytes {
        let (start, end) = Self.plainBounds(input) ?? Self.addressBounds(input)
        if commonPath, let view = self.normalizeCommon(input, start, end, scratch: scratch) {
            return view
        }
        return try self.normalizeGeneral(input, start, end, scratch: scratch)
    }

    /// Everything the common path leaves: quoted and UTF-8 local parts, IDN, address literals,
    /// odd but valid forms, and every error.
    @inline(never)
    func normalizeGeneral(
        _ input: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        scratch: Scratch
    ) throws -> NormalizedBytes {
        guard start < end else { throw AddressError.empty }
        var (localCount, nonASCII, domainStart) = try Self.parseLocalPart(input, start, end, into: scratch.local)
        var local = UnsafeBufferPointer(rebasing: scratch.local[0..<localCount])
        var lowered: UnsafeBufferPointer<UInt8>
        if nonASCII {
            (local, lowered) = try Self.unicodeLocalPart(local, scratch: scratch)
            localCount = local.count
        } else {
            let loweredOut = scratch.lowered
            for index in 0..<localCount {
                loweredOut[index] = Self.asciiLower(local[index])
            }
            lowered = UnsafeBufferPointer(rebasing: loweredOut[0..<localCount])
        }
        guard localCount <= Self.maximumLocalPartOctets else {
            throw AddressError.localPartTooLong(octets: localCount)
        }

        var domainEnd = end
        if domainEnd > domainStart && input[domainEnd - 1] == Self.dot {
            domainEnd -= 1  // the root label: `example.com.` is `example.com`
        }
        guard domainEnd > domainStart else { throw AddressError.emptyDomain }

        // Basic form first: its local part needs no domain rule, and the domain is canonicalised
        // straight into it behind the `@` (no separate buffer).
        let basicOut = scratch.basic
        var basicCount = Self.renderLocalPart(lowered, separators: ASCIISet(), removeDots: false, into: basicOut)
        basicOut[basicCount] = Self.at
        basicCount += 1
        let domainOffset = basicCount
        let domainCount = try Self.canonicalDomain(
            UnsafeBufferPointer(rebasing: input[domainStart..<domainEnd]),
            into: UnsafeMutableBufferPointer(rebasing: basicOut[domainOffset...])
        )
        basicCount += domainCount
        let domain = UnsafeBufferPointer(rebasing: basicOut[domainOffset..<basicCount])
        let rule = self.tables.rule(for: domain)

        let canonicalOut = scratch.canonical
        let canonicalCount = Self.renderLocalPart(
            self.options.lowercaseLocalPart ? lowered : local,
            separators: self.separators,
            removeDots: rule?.removeDots ?? false,
            into: canonicalOut
        )
        return Self.finish(
            canonicalOut: canonicalOut,
            localCount: canonicalCount,
            basicOut: basicOut,
            basicCount: basicCount,
            domain: domain,
            rule: rule
        )
    }

    /// Appends `@` and the canonical domain (the provider rule's, else `domain`) after a canonical
    /// local part of `localCount` bytes, and returns both forms. Shared by the common path
    /// and the general parser so that the two cannot drift apart.
    @inline(__always)
    static func finish(
        canonicalOut: UnsafeMutableBufferPointer<UInt8>,
        localCount: Int,
        basicOut: UnsafeMutableBufferPointer<UInt8>,
        basicCount: Int,
        domain: UnsafeBufferPointer<UInt8>,
        rule: NormalizerTables.RuleMatch?
    ) -> NormalizedBytes {
        var canonicalCount = localCount
        canonicalOut[canonicalCount] = Self.at
        canonicalCount += 1
        let canonicalDomainStart = canonicalCount
        let canonicalDomain = rule?.canonicalDomain ?? domain
        let target = UnsafeMutableRawPointer(canonicalOut.baseAddress! + canonicalCount)
        if canonicalCount + canonicalDomain.count + 8 <= canonicalOut.count && basicCount + 8 <= basicOut.count {
            // Whole words, up to 7 bytes past the end on both sides: cheaper than a `memmove`
            // call for a short domain. The source is the end of the basic form (room checked)
            // or a rule's canonical domain (``NormalizerTables`` pads those bytes).
            var index = 0
            while index < canonicalDomain.count {
                (target + index).storeBytes(
                    of: UnsafeRawPointer(canonicalDomain.baseAddress! + index).loadUnaligned(as: UInt64.self),
                    as: UInt64.self
                )
                index += 8
            }
        } else {
            target.copyMemory(from: canonicalDomain.baseAddress!, byteCount: canonicalDomain.count)
        }
        canonicalCount += canonicalDomain.count
        return NormalizedBytes(
            canonical: UnsafeBufferPointer(rebasing: canonicalOut[0..<canonicalCount]),
            basic: UnsafeBufferPointer(rebasing: basicOut[0..<basicCount]),
            domain: UnsafeBufferPointer(rebasing: canonicalOut[canonicalDomainStart..<canonicalCount])
        )
    }

    /// Trims whitespace and takes the address out of `Name <...>` and out of a source route.
    /// ``addressBounds(_:)`` for the two forms MTAs hand over, `<address>` and a bare address
    /// with nothing to trim, in a few compares inline; nil for anything else. Same answer as
    /// ``addressBounds(_:)`` where it answers: a `<` first is the first unquoted `<`.
    @inline(__always)
    static func plainBounds(_ input: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        let count = input.count
        guard count >= 2 else { return nil }
        let first = input[0]
        let last = input[count - 1]
        if first == UInt8(ascii: "<") && last == UInt8(ascii: ">") {
            let innerFirst = input[1]
            // Spaces to trim inside, or a source route (`<@relay:...>`): the full parse.
            guard !self.isSpace(innerFirst), innerFirst != self.at, !self.isSpace(input[count - 2]) else {
                return nil
            }
            return (1, count - 1)
        }
        guard !self.isSpace(first), !self.isSpace(last), last != UInt8(ascii: ">") else { return nil }
        return (0, count)
    }

    static func addressBounds(_ input: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var (start, end) = self.trim(input, 0, input.count)
        guard end > start, input[end - 1] == UInt8(ascii: ">"),
            let open = self.firstUnquoted(UInt8(ascii: "<"), in: input, start, end - 1)
        else {
            return (start, end)
        }
        (start, end) = self.trim(input, open + 1, end - 1)
        if start < end && input[start] == self.at,
            let colon = self.firstUnquoted(UInt8(ascii: ":"), in: input, start, end)
        {
            start = colon + 1  // RFC 5321 A-d-l: `<@relay1,@relay2:user@host>`
        }
        return (start, end)
    }

    /// Copies the local part's content into `out`; returns its length, whether it holds UTF-8
    /// and where the domain starts.
    static func parseLocalPart(
        _ input: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) throws -> (count: Int, nonASCII: Bool, domainStart: Int) {
        var count = 0
        var nonASCII = false
        if input[start] != self.quote {
            var atIndex = end - 1
            while atIndex >= start && input[atIndex] != self.at {
                atIndex -= 1
            }
            guard atIndex >= start else { throw AddressError.missingAt }
            guard atIndex > start else { throw AddressError.emptyLocalPart }
            guard atIndex - start <= out.count else { throw AddressError.localPartTooLong(octets: atIndex - start) }
            for index in start..<atIndex {
                let byte = input[index]
                if byte >= 0x80 {
                    nonASCII = true
                } else if byte != self.dot && !ASCIISet.atext.contains(byte) {
                    throw AddressError.invalidCharacter(byte: byte, offset: index - start, part: .localPart)
                }
                out[count] = byte
                count += 1
            }
            return (count, nonASCII, atIndex + 1)
        }
        var index = start + 1
        while index < end {
            var byte = input[index]
            if byte == self.quote {
                index += 1
                guard index < end else { throw AddressError.missingAt }
                guard input[index] == self.at else { throw AddressError.textAfterQuotedLocalPart }
                return (count, nonASCII, index + 1)
            }
            if byte == self.backslash {
                index += 1
                guard index < end else { throw AddressError.unterminatedQuote }
                byte = input[index]
                guard byte >= 0x20 && byte != 0x7F else {
                    throw AddressError.invalidCharacter(byte: byte, offset: index - start, part: .localPart)
                }
            } else if !self.isQuotedText(byte) {
                throw AddressError.invalidCharacter(byte: byte, offset: index - start, part: .localPart)
            }
            guard count < out.count else { throw AddressError.localPartTooLong(octets: count + 1) }
            out[count] = byte
            count += 1
            nonASCII = nonASCII || byte >= 0x80
            index += 1
        }
        throw AddressError.unterminatedQuote
    }

    /// RFC 5321 `qtextSMTP` plus RFC 6531 UTF-8.
    @inline(__always)
    static func isQuotedText(_ byte: UInt8) -> Bool {
        (byte >= 32 && byte <= 126 && byte != self.quote && byte != self.backslash) || byte >= 0x80
    }

    /// A UTF-8 local part: validated, NFC, and lower-cased with Unicode case mapping.
    static func unicodeLocalPart(
        _ local: UnsafeBufferPointer<UInt8>,
        scratch: Scratch
    ) throws -> (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) {
        guard let text = String(validating: local, as: UTF8.self) else { throw AddressError.invalidUTF8 }
        let composed = Array(text.precomposedStringWithCanonicalMapping.utf8)
        let lowered = Array(text.lowercased().precomposedStringWithCanonicalMapping.utf8)
        guard composed.count <= Self.maximumLocalPartOctets, lowered.count <= 2 * Self.maximumLocalPartOctets else {
            throw AddressError.localPartTooLong(octets: composed.count)
        }
        let composedCount = self.copy(composed, into: scratch.local, at: 0)
        let loweredCount = self.copy(lowered, into: scratch.lowered, at: 0)
        return (
            UnsafeBufferPointer(rebasing: scratch.local[0..<composedCount]),
            UnsafeBufferPointer(rebasing: scratch.lowered[0..<loweredCount])
        )
    }

    /// Writes the local part in its shortest RFC 5321 form: a dot-atom when it is one, else a
    /// quoted string. Sub-address and dots are dropped here. Returns the length written.
    static func renderLocalPart(
        _ content: UnsafeBufferPointer<UInt8>,
        separators: ASCIISet,
        removeDots: Bool,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var count = 1  // out[0] is kept for an opening quote
        var isDotAtom = true
        var previousWasDot = true  // a leading dot is not a dot-atom
        for (index, byte) in content.enumerated() {
            if index > 0 && separators.contains(byte) {
                break
            }
            if byte == self.dot {
                if removeDots {
                    continue
                }
                if previousWasDot {
                    isDotAtom = false
                }
                previousWasDot = true
            } else {
                previousWasDot = false
                if byte < 0x80 && !ASCIISet.atext.contains(byte) {
                    isDotAtom = false
                }
            }
            out[count] = byte
            count += 1
        }
        if count == 1 || previousWasDot {
            isDotAtom = false
        }
        if isDotAtom {
            for index in 0..<(count - 1) {
                out[index] = out[index + 1]
            }
            return count - 1
        }
        var escapes = 0
        for index in 1..<max(count, 1) where out[index] == self.quote || out[index] == self.backslash {
            escapes += 1
        }
        let total = count - 1 + escapes + 2
        var target = total - 1
        out[target] = self.quote
        target -= 1
        var source = count - 1
        while source >= 1 {  // backwards, in place: the target never overtakes the source
            let byte = out[source]
            out[target] = byte
            target -= 1
            if byte == self.quote || byte == self.backslash {
                out[target] = self.backslash
                target -= 1
            }
            source -= 1
        }
        out[0] = self.quote
        return total
    }

    static func trim(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start
        var end = end
        while start < end && self.isSpace(input[start]) {
            start += 1
        }
        while end > start && self.isSpace(input[end - 1]) {
            end -= 1
        }
        return (start, end)
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    @inline(__always)
    static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The first `target` outside a quoted string in `input[start..<end]`.
    static func firstUnquoted(_ target: UInt8, in input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var inQuotes = false
        var index = start
        while index < end {
            let byte = input[index]
            if inQuotes && byte == self.backslash {
                index += 2
                continue
            }
            if byte == self.quote {
                inQuotes.toggle()
            } else if !inQuotes && byte == target {
                return index
            }
            index += 1
        }
        return nil
    }

    static func copy<C: Collection<UInt8>>(
        _ bytes: C,
        into out: UnsafeMutableBufferPointer<UInt8>,
        at offset: Int
    ) -> Int {
        var index = offset
        for byte in bytes {
            out[index] = byte
            index += 1
        }
        return index - offset
    }
}
