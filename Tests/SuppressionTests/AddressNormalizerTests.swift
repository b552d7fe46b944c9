import Testing

@testable import Suppression

@Suite struct AddressNormalizerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var canonical: String
        var basic: String

        var testDescription: String { self.input }
    }

    static let cases: [Case] = [
        // Trimming, display names, angle brackets, source routes.
        Case(input: "  jane@example.com\t", canonical: "jane@example.com", basic: "jane@example.com"),
        Case(input: "<jane@example.com>", canonical: "jane@example.com", basic: "jane@example.com"),
        Case(input: "Jane Doe <Jane@Example.COM>", canonical: "jane@example.com", basic: "jane@example.com"),
        Case(input: "\"Doe, <Jane>\" <jane@example.com>", canonical: "jane@example.com", basic: "jane@example.com"),
        Case(
            input: "<@relay.example,@hop.example:jane@example.com>",
            canonical: "jane@example.com",
            basic: "jane@example.com"
        ),
        // Case: domain always, local part by default.
        Case(input: "JANE.Doe@EXAMPLE.Com", canonical: "jane.doe@example.com", basic: "jane.doe@example.com"),
        Case(input: "jane@example.com.", canonical: "jane@example.com", basic: "jane@example.com"),
        // Sub-addresses.
        Case(input: "jane+news@example.com", canonical: "jane@example.com", basic: "jane+news@example.com"),
        Case(input: "jane+a+b@example.com", canonical: "jane@example.com", basic: "jane+a+b@example.com"),
        Case(input: "+news@example.com", canonical: "+news@example.com", basic: "+news@example.com"),
        // Gmail rules.
        Case(input: "Jane.Doe+promo@gmail.com", canonical: "janedoe@gmail.com", basic: "jane.doe+promo@gmail.com"),
        Case(input: "j.a.n.e@googlemail.com", canonical: "jane@gmail.com", basic: "j.a.n.e@googlemail.com"),
        Case(
            input: "jane.doe@gmail.com.evil.example",
            canonical: "jane.doe@gmail.com.evil.example",
            basic: "jane.doe@gmail.com.evil.example"
        ),
        // Quoted local parts (RFC 5321): unquoted when the content is a dot-atom.
        Case(input: "\"jane\"@example.com", canonical: "jane@example.com", basic: "jane@example.com"),
        Case(input: "\"j\\ane\"@example.com", canonical: "jane@example.com", basic: "jane@example.com"),
        Case(
            input: "\"john..doe\"@example.com",
            canonical: "\"john..doe\"@example.com",
            basic: "\"john..doe\"@example.com"
        ),
        Case(
            input: "john..doe@example.com",
            canonical: "\"john..doe\"@example.com",
            basic: "\"john..doe\"@example.com"
        ),
        Case(
            input: "\"Jane Doe\"@example.com",
            canonical: "\"jane doe\"@example.com",
            basic: "\"jane doe\"@example.com"
        ),
        Case(
            input: "\"a\\\"b\\\\c\"@example.com",
            canonical: "\"a\\\"b\\\\c\"@example.com",
            basic: "\"a\\\"b\\\\c\"@example.com"
        ),
        Case(
            input: "\"jane@home\"@example.com",
            canonical: "\"jane@home\"@example.com",
            basic: "\"jane@home\"@example.com"
        ),
        Case(input: "\"\"@example.com", canonical: "\"\"@example.com", basic: "\"\"@example.com"),
        Case(input: "jane.+tag@example.com", canonical: "\"jane.\"@example.com", basic: "jane.+tag@example.com"),
        // IDN: U-labels become A-labels (UTS #46 non-transitional), A-labels stay.
        Case(
            input: "info@Bücher.example",
            canonical: "info@xn--bcher-kva.example",
            basic: "info@xn--bcher-kva.example"
        ),
        Case(
            input: "info@XN--BCHER-KVA.example",
            canonical: "info@xn--bcher-kva.example",
            basic: "info@xn--bcher-kva.example"
        ),
        Case(input: "info@faß.de", canonical: "info@xn--fa-hia.de", basic: "info@xn--fa-hia.de"),
        Case(input: "info@ＥＸＡＭＰＬＥ.com", canonical: "info@example.com", basic: "info@example.com"),
        Case(input: "用户@例子.广告", canonical: "用户@xn--fsqu00a.xn--4rr70v", basic: "用户@xn--fsqu00a.xn--4rr70v"),
        // UTF-8 local parts: NFC and Unicode lower case.
        Case(
            input: "J\u{0301}OSÉ@example.com",
            canonical: "j\u{0301}osé@example.com",
            basic: "j\u{0301}osé@example.com"
        ),
        Case(input: "Cafe\u{0301}@example.com", canonical: "caf\u{00E9}@example.com", basic: "caf\u{00E9}@example.com"),
        // Address literals.
        Case(input: "jane@[192.0.2.1]", canonical: "jane@[192.0.2.1]", basic: "jane@[192.0.2.1]"),
        Case(input: "jane@[IPv6:2001:DB8::1]", canonical: "jane@[ipv6:2001:db8::1]", basic: "jane@[ipv6:2001:db8::1]"),
    ]

    @Test(arguments: cases)
    func normalizes(_ testCase: Case) throws {
        let result = try AddressNormalizer.standard.normalize(testCase.input)
        #expect(result.canonical == testCase.canonical)
        #expect(result.basic == testCase.basic)
    }

    static let garbage: [(String, AddressError)] = [
        ("", .empty),
        ("   ", .empty),
        ("<>", .empty),
        ("jane.example.com", .missingAt),
        ("@example.com", .emptyLocalPart),
        ("jane@", .emptyDomain),
        ("jane@.", .emptyDomain),
        ("\"jane@example.com", .unterminatedQuote),
        ("\"jane\"x@example.com", .textAfterQuotedLocalPart),
        ("ja ne@example.com", .invalidCharacter(byte: 0x20, offset: 2, part: .localPart)),
        ("jane;x@example.com", .invalidCharacter(byte: UInt8(ascii: ";"), offset: 4, part: .localPart)),
        ("jane@exa_mple.com", .invalidCharacter(byte: UInt8(ascii: "_"), offset: 3, part: .domain)),
        ("jane@example..com", .invalidDomainLabel("")),
        ("jane@-example.com", .invalidDomainLabel("-example")),
        ("\(String(repeating: "a", count: 65))@example.com", .localPartTooLong(octets: 65)),
        ("jane@\(String(repeating: "a", count: 64)).com", .domainTooLong(octets: 64)),
        ("jane@[192.0.2.1", .invalidCharacter(byte: UInt8(ascii: "1"), offset: 9, part: .domain)),
    ]

    @Test(arguments: garbage)
    func rejects(_ input: String, _ expected: AddressError) {
        #expect(throws: expected) { try AddressNormalizer.standard.normalize(input) }
    }

    @Test func invalidInternationalDomainCarriesLibidn2Message() {
        #expect {
            try AddressNormalizer.standard.normalize("jane@xn--zz.example")
        } throws: { error in
            guard case .invalidInternationalDomain(let message) = error as? AddressError else { return false }
            return !message.isEmpty
        }
    }

    @Test func errorsDescribeTheProblem() {
        let error = AddressError.invalidCharacter(byte: UInt8(ascii: ";"), offset: 4, part: .localPart)
        #expect(error.description == "invalid character ';' at offset 4 in the local part")
    }

    @Test func optionsAreHonoured() throws {
        let keepCase = try AddressNormalizer(options: NormalizationOptions(lowercaseLocalPart: false))
        #expect(try keepCase.normalize("Jane.Doe@Example.com").canonical == "Jane.Doe@example.com")
        #expect(try keepCase.normalize("Jane.Doe@Example.com").basic == "jane.doe@example.com")

        let dashes = try AddressNormalizer(options: NormalizationOptions(subaddressSeparators: "+-"))
        #expect(try dashes.normalize("jane-list@example.com").canonical == "jane@example.com")
        #expect(try dashes.normalize("jane+list@example.com").canonical == "jane@example.com")

        let none = try AddressNormalizer(options: NormalizationOptions(subaddressSeparators: "", providerRules: []))
        #expect(try none.normalize("Jane.Doe+x@googlemail.com").canonical == "jane.doe+x@googlemail.com")

        #expect(throws: NormalizationOptions.ValidationError.self) {
            try AddressNormalizer(options: NormalizationOptions(subaddressSeparators: "é"))
        }
        #expect(throws: NormalizationOptions.ValidationError.self) {
            try AddressNormalizer(options: NormalizationOptions(subaddressSeparators: "."))
        }
    }

    @Test func domainsNormaliseOnTheirOwn() throws {
        #expect(try AddressNormalizer.standard.normalizeDomain(" Bücher.Example. ") == "xn--bcher-kva.example")
        #expect(throws: AddressError.emptyDomain) { try AddressNormalizer.standard.normalizeDomain("  ") }
    }
}
