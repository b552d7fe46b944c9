import Foundation
import Testing

@testable import Suppression

/// Inputs longer than any address the fast paths accept. The common path classified the domain
/// into the scratch buffer before it knew where the `@` was, so a 390-byte input with no `@`
/// wrote past the buffer (found by the address fuzzer under ASan). Each input must come out of
/// the fast paths untouched and get the general parser's answer.
@Suite struct LongAddressTests {
    static let inputs: [String] = {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("long-addresses.txt")
        return (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }()

    @Test func theFixtureIsRead() {
        #expect(Self.inputs.count == 7)
    }

    @Test(arguments: Self.inputs)
    func longInputsGetTheGeneralParsersAnswer(_ text: String) {
        let normalizer = AddressNormalizer.standard
        var input = text
        input.withUTF8 { bytes in
            AddressNormalizer.Scratch.with { scratch in
                #expect(
                    normalizer.normalizeCommon(bytes, 0, bytes.count, scratch: scratch) == nil || bytes.count <= 128
                )
            }
        }
        let general = Result { try normalizer.normalize(text, commonPath: false).canonical }
        let lookup = Result {
            try normalizer.withNormalizedBytes(text) { String(decoding: $0.canonical, as: UTF8.self) }
        }
        switch (general, lookup) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure, .failure): break
        default: Issue.record("the lookup path and the general parser disagree on \(text.prefix(40))…")
        }
    }
}
