import Crypto

/// Hex digests of normalised addresses, as exchanged in hashed suppression lists.
public enum AddressHashes {
    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String) -> String {
        self.hex(SHA256.hash(data: Array(text.utf8)))
    }

    /// Lower-case hex MD5 of the UTF-8 bytes of `text`.
    public static func md5Hex(_ text: String) -> String {
        self.hex(Insecure.MD5.hash(data: Array(text.utf8)))
    }

    private static func hex<D: Sequence<UInt8>>(_ digest: D) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
