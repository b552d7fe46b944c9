import CIDN2

extension AddressNormalizer {
    /// RFC 1035 / RFC 5321: 253 octets of name without the root dot, 63 per label.
    static let maximumDomainOctets = 253
    static let maximumLabelOctets = 63

    /// Normalises a domain on its own (for `@example.com` domain entries).
    public func normalizeDomain(_ domain: String) throws(AddressError) -> String {
        var domain = domain
        let result: Result<String, AddressError> = domain.withUTF8 { input in
            var (start, end) = Self.trim(input, 0, input.count)
            if end > start && input[end - 1] == Self.dot {
                end -= 1
            }
            guard end > start else { return .failure(.emptyDomain) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { out in
                do {
                    let count = try Self.canonicalDomain(UnsafeBufferPointer(rebasing: input[start..<end]), into: out)
                    return .success(String(decoding: out[0..<count], as: UTF8.self))
                } catch let error as AddressError {
                    return .failure(error)
                } catch {
                    preconditionFailure("only AddressError is thrown here: \(error)")
                }
            }
        }
        return try result.get()
    }

    /// Writes the domain in lower-case A-label form; returns its length.
    ///
    /// Pure-ASCII names without `xn--` labels take a byte loop; anything else goes through
    /// libidn2 so that U-labels become A-labels and existing A-labels are checked.
    static func canonicalDomain(
        _ raw: UnsafeBufferPointer<UInt8>,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) throws -> Int {
        if raw[0] == UInt8(ascii: "[") {
            return try self.addressLiteral(raw, into: out)
        }
        if let count = try self.asciiHostname(raw, into: out) {
            return count
        }
        return try self.internationalDomain(raw, into: out)
    }

    /// The common case in one pass: lower-cases an ASCII host name into `out` while checking
    /// its characters and labels. Returns nil when the name needs IDNA (a non-ASCII byte or an
    /// `xn--` label to validate).
    @inline(__always)
    static func asciiHostname(
        _ raw: UnsafeBufferPointer<UInt8>,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) throws -> Int? {
        guard raw.count <= self.maximumDomainOctets else {
            if raw.contains(where: { $0 >= 0x80 }) {
                return nil  // a U-label name can be longer than its A-label form: libidn2 decides
            }
            throw AddressError.domainTooLong(octets: raw.count)
        }
        var labelStart = 0
        for index in 0..<raw.count {
            let byte = raw[index]
            if byte >= 0x80 {
                return nil
            }
            let lower = self.asciiLower(byte)
            out[index] = lower
            if lower == self.dot {
                try self.checkLabel(out, labelStart, index)
                labelStart = index + 1
                continue
            }
            guard ASCIISet.ldh.contains(lower) else {
                throw AddressError.invalidCharacter(byte: byte, offset: index, part: .domain)
            }
            if index - labelStart == 3 && lower == UInt8(ascii: "-") && out[index - 1] == UInt8(ascii: "-")
                && out[index - 2] == UInt8(ascii: "n") && out[index - 3] == UInt8(ascii: "x")
            {
                return nil  // an A-label: libidn2 checks it
            }
        }
        try self.checkLabel(out, labelStart, raw.count)
        return raw.count
    }

    @inline(__always)
    static func checkLabel(_ name: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) throws {
        let length = end - start
        guard length > 0, length <= self.maximumLabelOctets, name[start] != UInt8(ascii: "-"),
            name[end - 1] != UInt8(ascii: "-")
        else {
            if length > self.maximumLabelOctets {
                throw AddressError.domainTooLong(octets: length)
            }
            throw AddressError.invalidDomainLabel(String(decoding: name[start..<end], as: UTF8.self))
        }
    }

    /// `[192.0.2.1]` or `[IPv6:2001:db8::1]`: RFC 5321 `dcontent` only, lower-cased.
    static func addressLiteral(
        _ raw: UnsafeBufferPointer<UInt8>,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) throws -> Int {
        let last = raw.count - 1
        guard raw.count >= 3, raw[last] == UInt8(ascii: "]") else {
            throw AddressError.invalidCharacter(byte: raw[last], offset: last, part: .domain)
        }
        guard raw.count <= self.maximumDomainOctets else { throw AddressError.domainTooLong(octets: raw.count) }
        for index in 0..<raw.count {
            let byte = raw[index]
            let isContent = (33...90).contains(byte) || (94...126).contains(byte)
            guard index == 0 || index == last || isContent else {
                throw AddressError.invalidCharacter(byte: byte, offset: index, part: .domain)
            }
            out[index] = self.asciiLower(byte)
        }
        return raw.count
    }

    /// UTS #46 non-transitional processing with NFC input (`faß.de` stays `xn--fa-hia.de`, as
    /// IDNA2008 and current browsers have it, not `fass.de`).
    static func internationalDomain(
        _ raw: UnsafeBufferPointer<UInt8>,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) throws -> Int {
        guard raw.count <= 4 * self.maximumDomainOctets else { throw AddressError.domainTooLong(octets: raw.count) }
        var input = Array(raw)
        input.append(0)
        var output: UnsafeMutablePointer<UInt8>?
        let flags = Int32(IDN2_NONTRANSITIONAL.rawValue | IDN2_NFC_INPUT.rawValue)
        let status = idn2_lookup_u8(input, &output, flags)
        guard status == Int32(IDN2_OK.rawValue), let output else {
            throw AddressError.invalidInternationalDomain(String(cString: idn2_strerror(status)))
        }
        defer { idn2_free(output) }
        var count = 0
        while output[count] != 0 {
            guard count < self.maximumDomainOctets else { throw AddressError.domainTooLong(octets: count + 1) }
            out[count] = self.asciiLower(output[count])
            count += 1
        }
        try self.validateHostname(UnsafeBufferPointer(rebasing: out[0..<count]))
        return count
    }

    /// Letters, digits and hyphens; labels of 1 to 63 octets that neither start nor end with `-`.
    static func validateHostname(_ name: UnsafeBufferPointer<UInt8>) throws {
        var labelStart = 0
        for index in 0...name.count {
            if index < name.count && name[index] != self.dot {
                guard ASCIISet.ldh.contains(name[index]) else {
                    throw AddressError.invalidCharacter(byte: name[index], offset: index, part: .domain)
                }
                continue
            }
            let length = index - labelStart
            guard length <= self.maximumLabelOctets else { throw AddressError.domainTooLong(octets: length) }
            let label = name[labelStart..<index]
            guard length > 0, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                throw AddressError.invalidDomainLabel(String(decoding: label, as: UTF8.self))
            }
            labelStart = index + 1
        }
    }
}
