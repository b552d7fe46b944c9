/// A set of ASCII bytes as a 128-bit mask: membership is two shifts and an AND, no tables.
struct ASCIISet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    init(_ string: String) {
        for byte in string.utf8 {
            self.insert(byte)
        }
    }

    mutating func insert(_ byte: UInt8) {
        precondition(byte < 128)
        if byte < 64 {
            self.low |= 1 << UInt64(byte)
        } else {
            self.high |= 1 << UInt64(byte - 64)
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        if byte < 64 {
            return self.low & (1 << UInt64(byte)) != 0
        }
        if byte < 128 {
            return self.high & (1 << UInt64(byte - 64)) != 0
        }
        return false
    }

    var isEmpty: Bool { self.low == 0 && self.high == 0 }

    /// RFC 5322 `atext`: the characters of an unquoted local part besides `.`.
    static let atext = ASCIISet(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~"
    )
    /// Letters, digits and hyphen: what a domain label may hold once in A-label form.
    static let ldh = ASCIISet("abcdefghijklmnopqrstuvwxyz0123456789-")
}
