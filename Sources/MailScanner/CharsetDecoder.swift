#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes in a declared charset to a Swift `String`, never failing: invalid or unknown bytes become U+FFFD.
///
/// UTF-8, ASCII and the Latin-1 family are decoded in Swift (the common cases, no iconv call); everything
/// else goes through iconv once per part. Labels follow what mail clients do rather than the letter of
/// the registry: ISO-8859-1 and ASCII are read as windows-1252 (its superset, what senders mean), GB2312
/// as GB18030, Shift_JIS as CP932, EUC-KR as CP949.
enum CharsetDecoder {
    /// What a charset label resolves to.
    enum Resolved: Equatable, Sendable {
        case utf8
        case windows1252
        /// No label (or `us-ascii`): ASCII if it is, else UTF-8 when valid, else windows-1252.
        case sniff
        case iconv(String)
    }

    /// Normalises a label: lowercased, quotes and white space trimmed, RFC 2231 language suffix dropped.
    static func normalizedLabel(_ label: String) -> String {
        var bytes = Array(label.utf8)
        bytes.removeAll { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || isWhiteSpace($0) }
        if let star = bytes.firstIndex(of: UInt8(ascii: "*")) { bytes.removeSubrange(star...) }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func resolve(_ label: String) -> Resolved {
        let name = normalizedLabel(label)
        switch name {
        case "", "us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "646", "unknown-8bit", "x-unknown",
            "default", "unknown", "charset", "none":
            return .sniff
        case "utf-8", "utf8", "x-utf8", "unicode-1-1-utf-8", "utf-8-sig":
            return .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819", "ibm819",
            "windows-1252", "cp1252", "x-cp1252", "cp-1252", "iso_8859-1:1987", "8859-1", "iso8859_1":
            return .windows1252
        case "gb2312", "gb_2312-80", "gb_2312", "euc-cn", "x-gbk", "gbk", "cp936", "chinese", "csgb2312", "gb18030",
            "x-euc-cn":
            return .iconv("GB18030")
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932":
            return .iconv("CP932")
        case "euc-kr", "ks_c_5601-1987", "ks_c_5601", "cp949", "ksc5601", "korean", "x-windows-949", "uhc":
            return .iconv("CP949")
        case "big5", "big-5", "cn-big5", "x-x-big5", "csbig5", "big5-hkscs":
            return .iconv("BIG5-HKSCS")
        case "iso-2022-jp", "csiso2022jp", "iso2022jp", "jis":
            return .iconv("ISO-2022-JP-2")
        case "iso-8859-8-i":
            return .iconv("ISO-8859-8")
        case "x-mac-roman", "macintosh", "mac":
            return .iconv("MACINTOSH")
        case "tis-620", "windows-874", "cp874":
            return .iconv("CP874")
        case "utf-16":
            return .iconv("UTF-16")
        default:
            // Anything else (ISO-8859-*, windows-125*, KOI8-*, ...): iconv knows the registry names.
            var validName = !name.isEmpty && name.utf8.count < 40
            for byte in name.utf8
            where !(isAlphaNumeric(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A) {
                validName = false
            }
            return validName ? .iconv(name.uppercased()) : .sniff
        }
    }

    /// Decodes `bytes` declared as `label`. Never fails.
    static func decode(_ bytes: [UInt8], label: String) -> String {
        decode(bytes, resolved: resolve(label))
    }

    static func decode(_ bytes: [UInt8], resolved: Resolved) -> String {
        switch resolved {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            return decodeWindows1252(bytes)
        case .sniff:
            return sniff(bytes)
        case .iconv(let name):
            return decodeWithIconv(bytes, from: name) ?? sniff(bytes)
        }
    }

    /// ASCII, else UTF-8 when the bytes are valid UTF-8, else windows-1252 (what unlabelled 8-bit mail is).
    static func sniff(_ bytes: [UInt8]) -> String {
        if isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return decodeWindows1252(bytes)
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                // Skip ASCII 8 bytes at a time.
                while index + 8 <= count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    index += 8
                }
                if index >= count { break }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                var minimum: UInt32
                var scalar: UInt32
                switch lead {
                case 0xC2...0xDF:
                    length = 2
                    minimum = 0x80
                    scalar = UInt32(lead & 0x1F)
                case 0xE0...0xEF:
                    length = 3
                    minimum = 0x800
                    scalar = UInt32(lead & 0x0F)
                case 0xF0...0xF4:
                    length = 4
                    minimum = 0x10000
                    scalar = UInt32(lead & 0x07)
                default:
                    return false
                }
                if index + length > count { return false }
                for offset in 1..<length {
                    let next = buffer[index + offset]
                    if next & 0xC0 != 0x80 { return false }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return false }
                index += length
            }
            return true
        }
    }

    /// windows-1252 as WHATWG defines it (the five undefined bytes map to C1 controls).
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + bytes.count / 8)
        windows1252High.withUnsafeBufferPointer { high in
            for byte in bytes {
                if byte < 0x80 {
                    output.append(byte)
                    continue
                }
                let scalar = byte < 0xA0 ? UInt32(high[Int(byte) - 0x80]) : UInt32(byte)
                appendUTF8(scalar, to: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Converts through iconv; nil when iconv does not know the charset.
    static func decodeWithIconv(_ bytes: [UInt8], from name: String) -> String? {
        let descriptor = iconv_open("UTF-8", name)
        if descriptor == nil || descriptor == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(descriptor) }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2 + 16)
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inputBuffer in
            scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                let scratchStart = UnsafeMutableRawPointer(scratchBuffer.baseAddress!).assumingMemoryBound(
                    to: CChar.self
                )
                while true {
                    var outPointer: UnsafeMutablePointer<CChar>? = scratchStart
                    var outLeft = scratchBuffer.count
                    let flushing = inLeft == 0
                    let result =
                        flushing
                        ? iconv(descriptor, nil, nil, &outPointer, &outLeft)
                        : iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let produced = scratchBuffer.count - outLeft
                    output.append(contentsOf: UnsafeBufferPointer(start: scratchBuffer.baseAddress, count: produced))
                    if result != -1 {
                        if flushing { break }
                        continue
                    }
                    let error = errno
                    if error == E2BIG { continue }
                    if flushing { break }
                    // EILSEQ or EINVAL (truncated sequence at the end): replace one byte and go on.
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    // Reset shift state so a stateful charset (ISO-2022-JP) recovers.
                    iconv(descriptor, nil, nil, nil, nil)
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

@inline(__always)
func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        output.append(UInt8(scalar))
    case 0x80..<0x800:
        output.append(UInt8(0xC0 | scalar >> 6))
        output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
        if scalar >= 0xD800 && scalar <= 0xDFFF {
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            return
        }
        output.append(UInt8(0xE0 | scalar >> 12))
        output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
        output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x10000...0x10FFFF:
        output.append(UInt8(0xF0 | scalar >> 18))
        output.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
        output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
        output.append(UInt8(0x80 | scalar & 0x3F))
    default:
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
    }
}

@inline(__always)
func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
}

@inline(__always)
func isAlphaNumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
}

@inline(__always)
func lowercasedASCII(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}
