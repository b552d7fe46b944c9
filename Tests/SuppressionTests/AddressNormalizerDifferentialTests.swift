import Testing

@testable import Suppression

/// The common path (``AddressNormalizer/normalizeCommon``) must give exactly what the general
/// parser gives, or leave the input to it: generated addresses are normalised both ways and the
/// results or errors compared.
@Suite struct AddressNormalizerDifferentialTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces from its seed.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(self.next() % UInt64(bound)) }

        mutating func pick<T>(_ choices: [T]) -> T { choices[self.below(choices.count)] }

        mutating func chance(_ percent: Int) -> Bool { self.below(100) < percent }
    }

    /// Pieces chosen to sit on the common path's edges: case, dots in every position, tags,
    /// hyphens beside dots, `--`, the rule domains, IDN, quotes, literals, stray brackets, spaces.
    static let localPieces = [
        "anna", "Anna", "SMITH", "j", "x9", ".", ".", "+", "+promo", "-", "_", "'", "~", "=", "!", "#",
        "\"", "\\", " ", "é", "Ö", "用户", "@", "<", ">", "(", ",", "..", "--",
    ]
    static let domainPieces = [
        "gmail.com", "GMail.COM", "googlemail.com", "gmail.co", "gmail.com.", "gmail.com.evil.example",
        "example", "corp7.example", "EXAMPLE", "-", ".", "..", "--", "xn--bcher-kva", "XN--BCHER-KVA", "Bücher",
        "例子", "[192.0.2.1]", "[IPv6:2001:DB8::1]", "a_b", " ", "@", "com", "9", "outlook.com", "y",
    ]

    /// What real recipients mostly look like, so that half the inputs exercise the common path.
    static let plainLocalPieces = ["anna", "Smith", "J", "0", "42", ".", "+", "+promo", "-", "_", "x"]
    static let plainDomainPieces = ["gmail.com", "GoogleMail.com", "corp7.example", "Outlook.COM", "y", "a-b"]

    static func address(_ random: inout Generator) -> String {
        let plain = random.chance(50)
        var local = ""
        for _ in 0..<(1 + random.below(5)) {
            local += random.pick(plain ? Self.plainLocalPieces : Self.localPieces)
        }
        if random.chance(10) {
            local = "\"" + local + "\""
        }
        if random.chance(3) {
            local = String(repeating: "a", count: 60 + random.below(10)) + local
        }
        var domain = ""
        for index in 0..<(1 + random.below(3)) {
            domain +=
                (index > 0 && random.chance(80) ? "." : "")
                + random.pick(plain ? Self.plainDomainPieces : Self.domainPieces)
        }
        if random.chance(3) {
            domain = String(repeating: "d", count: 55 + random.below(15)) + "." + domain
        }
        var address = random.chance(95) ? local + "@" + domain : local + domain
        switch random.below(6) {
        case 0: address = "<" + address + ">"
        case 1: address = "Anna Smith <" + address + ">"
        case 2: address = " \t" + address + " "
        case 3: address = "<" + address
        default: break
        }
        return address
    }

    static let normalizers = [AddressNormalizer.standard, try! AddressNormalizer(options: Self.unusualOptions)]

    @Test(arguments: Self.normalizers)
    func commonPathAgreesWithGeneralParser(_ normalizer: AddressNormalizer) {
        var random = Generator(state: 0x5EED)
        var fastAnswered = 0
        for _ in 0..<20_000 {
            let input = Self.address(&random)
            let fast = Result { () throws(AddressError) in try normalizer.normalize(input) }
            let general = Result { () throws(AddressError) in try normalizer.normalize(input, commonPath: false) }
            #expect(fast == general, "\(input)")
            if Self.takesCommonPath(normalizer, input) {
                fastAnswered += 1
            }
        }
        // The comparison means something only if the common path answered a fair share.
        #expect(fastAnswered > 4_000)
    }

    /// Case kept, a letter and `-` as separators, no Gmail rule but a rule without dot removal.
    static let unusualOptions = NormalizationOptions(
        lowercaseLocalPart: false,
        subaddressSeparators: "-x",
        providerRules: [
            ProviderRule(domains: ["corp7.example", "y"], canonicalDomain: "Example.NET", removeDots: false)
        ]
    )

    static func takesCommonPath(_ normalizer: AddressNormalizer, _ input: String) -> Bool {
        var input = input
        return input.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: AddressNormalizer.Scratch.size) { buffer in
                let (start, end) = AddressNormalizer.addressBounds(bytes)
                return start < end
                    && normalizer.normalizeCommon(bytes, start, end, scratch: AddressNormalizer.Scratch(buffer)) != nil
            }
        }
    }

    @Test(arguments: [
        "<anna.smith0@gmail.com>", "<ANNA.SMITH0+PROMO@GOOGLEMAIL.COM>", "bob_o'neil@corp12.example",
        "x@y.z", "<Jane-Doe@Mail-Host.Example.ORG>", "anna.smith@gmail.com", "jane-doe_1@mail-host.example.org",
        "abcdefg@h.ij", "a.b.c.d.e.f.g.h@x.example", "x+y+z@corp7.example",
    ])
    func commonInputsTakeTheCommonPath(_ input: String) throws {
        #expect(Self.takesCommonPath(.standard, input))
        let normalized = try AddressNormalizer.standard.normalize(input)
        #expect(normalized == (try AddressNormalizer.standard.normalize(input, commonPath: false)))
    }

    @Test(arguments: [
        "a..b@example.com", "a.@example.com", "a@example.com.", "a@xn--bcher-kva.example", "a@-x.example",
        "a@x-.example", "\"a\"@example.com", "é@example.com", "a@b@example.com", "a@[192.0.2.1]",
        "a.+tag@example.com", "a_b@ex_ample.com", "ab@cd@example.com", "abc@example..com",
        "abc@exa\u{7F}mple.com", "abc\u{0}@example.com", "abc@example.com-", "abc@-example.com", "abcé@example.com",
        "\"quoted\"@example.com",
    ])
    func unusualInputsAreLeftToTheGeneralParser(_ input: String) {
        #expect(!Self.takesCommonPath(.standard, input))
    }
}
