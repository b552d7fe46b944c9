/// A set of ASCII bytes as a 128-bit mask: membership is two shifts and an AND, no tables.
struct ASCIISet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

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

    // The sets below are literal masks rather than `static let`s built from strings: a lazily
    // initialised global costs a `swift_once` call on every access, and the normaliser tests
    // membership once per byte. ASCIISetTests checks the masks against the character lists.

    /// RFC 5322 `atext`: the characters of an unquoted local part besides `.`:
    /// letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static var atext: ASCIISet {
        @inline(__always) get { ASCIISet(low: 0xa3ff_acfa_0000_0000, high: 0x7fff_ffff_c7ff_fffe) }
    }

    /// Letters (lower case), digits and hyphen: what a domain label may hold in A-label form.
    static var ldh: ASCIISet {
        @inline(__always) get { ASCIISet(low: 0x03ff_2000_0000_0000, high: 0x07ff_fffe_0000_0000) }
    }
}
