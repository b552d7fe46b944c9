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
        var needsIDNA = raw.contains { $0 >= 0x80 }
        if !needsIDNA {
            needsIDNA = self.hasACELabel(raw)
        }
        if needsIDNA {
            return try self.internationalDomain(raw, into: out)
        }
        guard raw.count <= self.maximumDomainOctets else { throw AddressError.domainTooLong(octets: raw.count) }
        for index in 0..<raw.count {
            out[index] = self.asciiLower(raw[index])
        }
        try self.validateHostname(UnsafeBufferPointer(rebasing: out[0..<raw.count]))
        return raw.count
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

    static func hasACELabel(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        var labelStart = 0
        while labelStart + 4 <= raw.count {
            if self.asciiLower(raw[labelStart]) == UInt8(ascii: "x")
                && self.asciiLower(raw[labelStart + 1]) == UInt8(ascii: "n")
                && raw[labelStart + 2] == UInt8(ascii: "-") && raw[labelStart + 3] == UInt8(ascii: "-")
            {
                return true
            }
            guard let dot = raw[labelStart...].firstIndex(of: self.dot) else { return false }
            labelStart = dot + 1
        }
        return false
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
