import Foundation
import Testing
import Unsubscribe

@Suite struct UnsubscribeTokenTests {
    let key = UnsubscribeKey.generate()
    let issued = Date(timeIntervalSince1970: 1_790_000_000)
    let lifetime = Duration.seconds(400 * 86_400)

    @Test func roundTripCarriesAddressScopeAndTime() throws {
        let token = UnsubscribeToken(address: "jane.doe@example.com", scope: "marketing", issuedAt: self.issued)
        let text = token.sealed(with: self.key)
        let opened = try UnsubscribeToken.open(text, keys: [self.key], lifetime: self.lifetime, now: self.issued)
        #expect(opened == token)
        #expect(!text.contains("jane"), "the address must not be readable in the link")
        #expect(text.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || isalnum(Int32($0)) != 0 })
        // A fresh nonce per seal: two links for one recipient differ, yet both open.
        let again = token.sealed(with: self.key)
        #expect(again != text)
        #expect(try UnsubscribeToken.open(again, keys: [self.key], lifetime: self.lifetime, now: self.issued) == token)
    }

    @Test func everyFlippedByteIsRefused() throws {
        let text = UnsubscribeToken(address: "a@example.org", scope: "*", issuedAt: self.issued).sealed(with: self.key)
        let bytes = try #require(Self.decode(text))
        for index in bytes.indices {
            for bit in [0x01, 0x80] as [UInt8] {
                var tampered = bytes
                tampered[index] ^= bit
                let result = Result {
                    try UnsubscribeToken.open(
                        Self.encode(tampered),
                        keys: [self.key],
                        lifetime: self.lifetime,
                        now: self.issued
                    )
                }
                guard case .failure(let error) = result else {
                    Issue.record("byte \(index) bit \(bit) flipped still opened")
                    continue
                }
                #expect(error as? UnsubscribeTokenError == .forged || error as? UnsubscribeTokenError == .malformed)
            }
        }
        // Truncated or extended: refused too.
        for cut in [1, 16, bytes.count - 1] {
            #expect(throws: UnsubscribeTokenError.self) {
                try UnsubscribeToken.open(
                    Self.encode(Array(bytes.prefix(cut))),
                    keys: [self.key],
                    lifetime: self.lifetime,
                    now: self.issued
                )
            }
        }
        #expect(throws: UnsubscribeTokenError.forged) {
            try UnsubscribeToken.open(
                Self.encode(bytes + [0]),
                keys: [self.key],
                lifetime: self.lifetime,
                now: self.issued
            )
        }
    }

    @Test func expiresAfterItsLifetime() throws {
        let text = UnsubscribeToken(address: "a@example.org", scope: "marketing", issuedAt: self.issued)
            .sealed(with: self.key)
        let lifetime = Duration.seconds(3600)
        #expect(
            try UnsubscribeToken.open(text, keys: [self.key], lifetime: lifetime, now: self.issued + 3600).address
                == "a@example.org"
        )
        #expect(throws: UnsubscribeTokenError.expired(issuedAt: self.issued)) {
            try UnsubscribeToken.open(text, keys: [self.key], lifetime: lifetime, now: self.issued + 3601)
        }
    }

    @Test func rotationOldKeyStillOpensNewKeySeals() throws {
        let old = self.key
        let new = UnsubscribeKey.generate()
        let oldLink = UnsubscribeToken(address: "old@example.org", scope: "marketing", issuedAt: self.issued)
            .sealed(with: old)
        let links = UnsubscribeLinks(
            baseURL: "https://u.example.com/u/",
            mailto: nil,
            keys: [new, old],
            scope: "marketing",
            lifetime: self.lifetime
        )
        #expect(try links.open(oldLink, now: self.issued).address == "old@example.org")
        let newLink = links.token(for: "new@example.org", at: self.issued)
        // Sealed with the first key: it opens with that key alone, not with the old one alone.
        #expect(
            try UnsubscribeToken.open(newLink, keys: [new], lifetime: self.lifetime, now: self.issued).scope
                == "marketing"
        )
        #expect(throws: UnsubscribeTokenError.forged) {
            try UnsubscribeToken.open(newLink, keys: [old], lifetime: self.lifetime, now: self.issued)
        }
        // The old key removed: its links stop working.
        #expect(throws: UnsubscribeTokenError.forged) {
            try UnsubscribeToken.open(oldLink, keys: [new], lifetime: self.lifetime, now: self.issued)
        }
    }

    @Test(arguments: [
        "", "A", "!!!!", String(repeating: "A", count: 2000), "AQ", "Ag" + String(repeating: "A", count: 60),
    ])
    func malformedTextIsRefused(_ text: String) {
        #expect(throws: UnsubscribeTokenError.malformed) {
            try UnsubscribeToken.open(text, keys: [self.key], lifetime: self.lifetime, now: self.issued)
        }
    }

    /// Base64 leaves unused low bits in a token's last character; a link with them set decodes to the
    /// same bytes, and must still be refused so that each token has exactly one text.
    @Test func aNonCanonicalLastCharacterIsRefused() throws {
        let text = UnsubscribeToken(address: "ab@example.org", scope: "*", issuedAt: self.issued).sealed(with: self.key)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        // Unpadded base64: 2 characters left over carry 4 unused bits, 3 carry 2.
        let unusedBits = [2: 4, 3: 2][text.count % 4] ?? 0
        try #require(unusedBits > 0, "the token's length leaves no unused bits; pick another length")
        let last = try #require(alphabet.firstIndex(of: text.last!))
        for low in 1..<(1 << unusedBits) {
            let changed = String(text.dropLast()) + String(alphabet[last | low])
            #expect(Self.decode(changed) == Self.decode(text))
            #expect(throws: UnsubscribeTokenError.malformed) {
                try UnsubscribeToken.open(changed, keys: [self.key], lifetime: self.lifetime, now: self.issued)
            }
        }
    }

    static func decode(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }

    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
