/// Why an address could not be normalised.
///
/// Every case names the offending part so that an import can report "line 12: invalid character
/// ';' at offset 7 in the local part" instead of a bare failure.
public enum AddressError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing left after trimming whitespace, the display name and angle brackets.
    case empty
    /// No `@` separates a local part from a domain.
    case missingAt
    /// The local part (before `@`) is empty.
    case emptyLocalPart
    /// The domain (after `@`) is empty.
    case emptyDomain
    /// A quoted local part has no closing `"`.
    case unterminatedQuote
    /// A quoted local part is followed by something other than `@`.
    case textAfterQuotedLocalPart
    /// A byte that RFC 5321 does not allow where it was found.
    case invalidCharacter(byte: UInt8, offset: Int, part: Part)
    /// The local part is longer than the 64 octets RFC 5321 allows.
    case localPartTooLong(octets: Int)
    /// The domain is longer than 253 octets or has a label longer than 63.
    case domainTooLong(octets: Int)
    /// A domain label is empty or starts or ends with `-`.
    case invalidDomainLabel(String)
    /// libidn2 refused the domain (the message is libidn2's).
    case invalidInternationalDomain(String)
    /// The bytes are not valid UTF-8.
    case invalidUTF8
    /// A hashed entry is not 64 (SHA-256) or 32 (MD5) hexadecimal digits.
    case invalidHash(String)

    /// Which part of the address an offset refers to.
    public enum Part: String, Hashable, Sendable {
        case localPart = "local part"
        case domain
    }

    public var description: String {
        switch self {
        case .empty: "empty address"
        case .missingAt: "no '@' in address"
        case .emptyLocalPart: "empty local part before '@'"
        case .emptyDomain: "empty domain after '@'"
        case .unterminatedQuote: "quoted local part has no closing '\"'"
        case .textAfterQuotedLocalPart: "quoted local part must be followed by '@'"
        case .invalidCharacter(let byte, let offset, let part):
            "invalid character \(Self.render(byte)) at offset \(offset) in the \(part.rawValue)"
        case .localPartTooLong(let octets): "local part is \(octets) octets (RFC 5321 allows 64)"
        case .domainTooLong(let octets): "domain or domain label too long (\(octets) octets)"
        case .invalidDomainLabel(let label): "invalid domain label '\(label)'"
        case .invalidInternationalDomain(let message): "invalid internationalised domain: \(message)"
        case .invalidUTF8: "address is not valid UTF-8"
        case .invalidHash(let text): "'\(text)' is not a SHA-256 (64 hex digits) or MD5 (32 hex digits) hash"
        }
    }

    private static func render(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "0x" + String(byte, radix: 16, uppercase: true)
    }
}
