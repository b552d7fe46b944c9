import Testing

@testable import Suppression

/// The common path (``AddressNormalizer/normalizeCommon``) finds the `@` walking back from the
/// end and classifies bytes by table, so its edge cases sit at the ends and around the `@`: every
/// length from 3 to 34 bytes, the `@` at every position, `.`, `-`, `_` and `+` anywhere, upper
/// case and bytes it refuses (0x7F, NUL, UTF-8 lead and continuation bytes) anywhere. Each input
/// is normalised through the common path and by the general parser alone.
@Suite struct AddressNormalizerBoundaryTests {
    typealias Generator = AddressNormalizerDifferentialTests.Generator

    static let plain = Array("abcxyz0189")
    static let marks: [Character] = [".", "-", "_", "+"]
    static let odd: [String] = ["\u{7F}", "\u{0}", "\u{80}", "\u{FF}", "é", "!", "~", "`", "@", " ", "\"", "[", "/"]

    /// An address of `count` ASCII-plain characters with the `@` at `atIndex`, then varied.
    static func address(count: Int, atIndex: Int, _ random: inout Generator) -> String {
        var characters: [String] = []
        for index in 0..<count {
            var character = index == atIndex ? "@" : String(random.pick(Self.plain))
            if index != atIndex && random.chance(18) {
                character = String(random.pick(Self.marks))
            }
            if random.chance(20) {
                character = character.uppercased()
            }
            if random.chance(3) {
                character = random.pick(Self.odd)
            }
            characters.append(character)
        }
        return characters.joined()
    }

    @Test(arguments: AddressNormalizerDifferentialTests.normalizers + [Self.keepingCase])
    func commonPathAgreesWithGeneralParser(_ normalizer: AddressNormalizer) {
        var random = Generator(state: 0x0808)
        var commonAnswered = 0
        var inputs = 0
        for count in 3...34 {
            for atIndex in 0..<count {
                for _ in 0..<6 {
                    var input = Self.address(count: count, atIndex: atIndex, &random)
                    if random.chance(20) {
                        input = "<" + input + ">"
                    }
                    let fast = Result { () throws(AddressError) in try normalizer.normalize(input) }
                    let general = Result { () throws(AddressError) in
                        try normalizer.normalize(input, commonPath: false)
                    }
                    #expect(fast == general, "\(Array(input.utf8))")
                    inputs += 1
                    if AddressNormalizerDifferentialTests.takesCommonPath(normalizer, input) {
                        commonAnswered += 1
                    }
                }
            }
        }
        // Mostly plain bytes: the common path must answer a fair share, or the test compares
        // the general parser with itself.
        #expect(commonAnswered > inputs / 10)
    }

    /// `+` as the separator but the local part's case kept: the common path's other branch.
    static let keepingCase = try! AddressNormalizer(
        options: NormalizationOptions(lowercaseLocalPart: false, subaddressSeparators: "+")
    )

    /// The inline bounds for `<address>` and bare addresses answer as the full parse does.
    @Test(arguments: [
        "<a@b.c>", "a@b.c", "<>", "<@relay:a@b.c>", "< a@b.c>", "<a@b.c >", "a@b.c>", "<a@b.c", " a@b.c", "a@b.c\t",
        "Anna <a@b.c>", "\"<\"@b.c>", "<\"a>b\"@c.d>", "<<a@b.c>>", "x", "<x>", "ab",
    ])
    func plainBoundsAgreeWithAddressBounds(_ input: String) {
        var input = input
        input.withUTF8 { bytes in
            if let plain = AddressNormalizer.plainBounds(bytes) {
                #expect(plain == AddressNormalizer.addressBounds(bytes))
            } else {
                // The two forms it exists for must not be deferred.
                #expect(!["<a@b.c>", "a@b.c", "<x>", "ab"].contains(String(decoding: bytes, as: UTF8.self)))
            }
        }
    }
}
