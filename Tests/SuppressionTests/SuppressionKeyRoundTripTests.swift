import Suppression
import Testing

/// An entry written as `SuppressionKey.description` (what `suppress export` writes) reads back as
/// the same key. `*.` starts a domain tree only without an `@`: an address whose local part starts
/// with `*.` is an exact entry (found by the address fuzzer).
@Suite struct SuppressionKeyRoundTripTests {
    @Test(arguments: [
        "\"*.foo\"@example.com", "*.foo@example.com", "@*.example.com", "*.example.com", "@example.com",
        "Jane.Doe+news@Example.COM", "sha256:" + String(repeating: "ab", count: 32),
    ])
    func writtenKeysReadBack(_ text: String) throws {
        let key = try SuppressionKey.parse(text, normalizer: .standard)
        #expect(try SuppressionKey.parse(key.description, normalizer: .standard) == key)
    }

    @Test func starDotTellsATreeFromAnAddress() throws {
        #expect(try SuppressionKey.parse("*.example.com", normalizer: .standard).kind == .domainTree)
        #expect(try SuppressionKey.parse("@*.example.com", normalizer: .standard).kind == .domainTree)
        let address = try SuppressionKey.parse("*.foo@example.com", normalizer: .standard)
        #expect(address.kind == .exact)
        #expect(address.description == "*.foo@example.com")
    }
}
