import Crypto
import Foundation

/// What an unsubscribe link carries: who opts out, from what, and since when the link exists.
///
/// Sealed with ChaCha20-Poly1305 (an AEAD): the address is neither readable in the URL (nor in a
/// web server's access log) nor changeable without the key. The text form is URL- and local-part
/// safe (base64url without padding):
///
///     version (1 byte, 1) | nonce (12) | sealed payload | tag (16)
///     payload: issued at (4 bytes, big-endian seconds since 1970) | scope length (1) | scope | address
public struct UnsubscribeToken: Sendable, Hashable {
    /// The recipient's canonical address.
    public var address: String
    /// The suppression scope an unsubscribe writes (`marketing`, `*`, ...).
    public var scope: String
    /// When the token was made, to the second.
    public var issuedAt: Date

    /// The longest token text accepted: a longer one is refused before any decoding.
    public static let maximumTextLength = 1024

    static let version: UInt8 = 1
    /// Binds the seal to this use: a box sealed by the same key for any other purpose never opens here.
    static let authenticatedData = Data("optout-milter unsubscribe v1".utf8)

    public init(address: String, scope: String, issuedAt: Date) {
        self.address = address
        self.scope = scope
        self.issuedAt = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
    }

    /// The token's text, sealed with `key` under a fresh random nonce.
    public func sealed(with key: UnsubscribeKey) -> String {
        var payload = Data()
        let seconds = UInt32(clamping: Int64(self.issuedAt.timeIntervalSince1970))
        withUnsafeBytes(of: seconds.bigEndian) { payload.append(contentsOf: $0) }
        let scope = Array(self.scope.utf8.prefix(255))
        payload.append(UInt8(scope.count))
        payload.append(contentsOf: scope)
        payload.append(contentsOf: self.address.utf8)
        // Sealing with a valid 256-bit key and a random nonce has no failure mode.
        let box = try! ChaChaPoly.seal(payload, using: key.key, authenticating: Self.authenticatedData)
        return Self.base64URL([Self.version] + Array(box.combined))
    }

    /// Opens a token's text with any of `keys` and checks its age.
    /// - Throws: ``UnsubscribeTokenError``: malformed text, no key opens it, or older than `lifetime`.
    public static func open(
        _ text: some StringProtocol,
        keys: [UnsubscribeKey],
        lifetime: Duration,
        now: Date = Date()
    ) throws(UnsubscribeTokenError) -> UnsubscribeToken {
        guard text.utf8.count <= Self.maximumTextLength, let bytes = Self.bytes(base64URL: text),
            bytes.count > 1 + 12 + 16, bytes[0] == Self.version
        else { throw .malformed }
        guard let box = try? ChaChaPoly.SealedBox(combined: bytes.dropFirst()) else { throw .malformed }
        var opened: Data?
        for key in keys {
            if let payload = try? ChaChaPoly.open(box, using: key.key, authenticating: Self.authenticatedData) {
                opened = payload
                break
            }
        }
        guard let payload = opened.map(Array.init), payload.count >= 5 else { throw .forged }
        let seconds = payload[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let scopeLength = Int(payload[4])
        guard payload.count >= 5 + scopeLength else { throw .forged }
        let token = UnsubscribeToken(
            address: String(decoding: payload[(5 + scopeLength)...], as: UTF8.self),
            scope: String(decoding: payload[5..<(5 + scopeLength)], as: UTF8.self),
            issuedAt: Date(timeIntervalSince1970: TimeInterval(seconds))
        )
        let age = now.timeIntervalSince(token.issuedAt)
        let limit = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
        guard age <= limit else { throw .expired(issuedAt: token.issuedAt) }
        return token
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") {
            text.removeLast()
        }
        return text
    }

    static func bytes(base64URL text: some StringProtocol) -> [UInt8]? {
        guard text.utf8.allSatisfy(Self.isBase64URL) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        guard let bytes = Data(base64Encoded: standard).map(Array.init) else { return nil }
        // Base64 leaves unused bits in a final partial character, and the decoder ignores them: without
        // this check, several texts would open as the same token (a changed link that still works).
        guard Self.base64URL(bytes).utf8.elementsEqual(text.utf8) else { return nil }
        return bytes
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
