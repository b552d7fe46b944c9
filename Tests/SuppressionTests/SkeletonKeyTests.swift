import Foundation
import Testing

@testable import Suppression

/// The exact table's filter key: the same for an address as written and its canonical form in
/// the common cases (that is what lets a lookup start the filter read before normalising), and
/// different for different addresses.
@Suite struct SkeletonKeyTests {
    let normalizer = AddressNormalizer.standard

    func key(_ text: String) -> UInt64 {
        Array(text.utf8).withUnsafeBufferPointer { self.normalizer.skeletonKey($0) }
    }

    @Test(arguments: [
        "<Jane.Doe+news@Gmail.COM>",
        "jane.doe@gmail.com",
        "JANE.DOE.1234@CORP-42.EXAMPLE",
        "<anna.smith.12345+promo@corp12345.example>",
        "Bob+x@Example.org",
        "a@b.co",
        "<x.y.z+1+2@sub.domain.of.a.rather.long.example.com>",
    ])
    func addressAsWrittenHasTheKeyOfItsCanonicalForm(written: String) throws {
        let canonical = try self.normalizer.normalize(written).canonical
        #expect(self.key(written) == self.key(canonical), "\(written) -> \(canonical)")
    }

    @Test func keysDifferForDifferentAddresses() {
        // Local parts and domains differing in one byte, anywhere, including in long domains
        // where only some of the bytes are hashed.
        var keys = Set<UInt64>()
        var count = 0
        for index in 0..<20_000 {
            for address in [
                "user\(index)@example.com", "u\(index)x@example.com", "user@host\(index).example",
                "someone@mail.host\(index).subdomain.example.org",
            ] {
                keys.insert(self.key(address))
                count += 1
            }
        }
        #expect(keys.count == count)
    }

    @Test func formsNormalisationChangesBeyondTheSkeletonStillMatchThroughTheCanonicalKey() throws {
        // `googlemail.com`, a display name, a quoted local part: the key of the address as
        // written is not the canonical one, so the early read is wasted, never the answer.
        let temporary = try TemporaryStore()
        try temporary.add(["jane.doe@gmail.com", "\"john..doe\"@example.com"])
        let snapshot = try SuppressionSnapshot.build(from: temporary.store, speculation: .always)
        #expect(snapshot.speculates)
        for recipient in ["<Jane.Doe@GoogleMail.com>", "Jane <jane.doe@gmail.com>", "\"john..doe\"@Example.com"] {
            let canonical = try self.normalizer.normalize(recipient).canonical
            #expect(snapshot.isSuppressed(recipient: recipient), "\(recipient) -> \(canonical)")
        }
        #expect(self.key("<Jane.Doe@GoogleMail.com>") != self.key("janedoe@gmail.com"))
    }

    /// The same answers whichever key the exact filter uses, for listed addresses written as an
    /// MTA might hand them over and for addresses that are not listed.
    @Test(arguments: [Speculation.always, .never])
    func lookupsAgreeWithAndWithoutSpeculation(speculation: Speculation) throws {
        let temporary = try TemporaryStore()
        let listed = (0..<2_000).map { "first.last\($0)@\($0 % 3 == 0 ? "gmail.com" : "corp\($0 % 7).example")" }
        try temporary.add(listed)
        let snapshot = try SuppressionSnapshot.build(from: temporary.store, speculation: speculation)
        #expect(snapshot.speculates == (speculation == .always))
        for (index, address) in listed.enumerated() {
            let written =
                index % 2 == 0 ? "<\(address.uppercased())>" : address.replacingOccurrences(of: "@", with: "+news@")
            #expect(snapshot.isSuppressed(recipient: written), "\(written)")
            // Written canonically: the lookup reuses the key of the address as given.
            let canonical = try self.normalizer.normalize(address).canonical
            #expect(snapshot.isSuppressed(recipient: "<\(canonical)>"))
            #expect(!snapshot.isSuppressed(recipient: "other.\(address)"))
        }
    }

    @Test func automaticSpeculationOnlyForLargeListsWithoutHashedEntries() {
        let large = Speculation.minimumFilterBytes + 1_000_000
        #expect(Speculation.automatic.applies(exactEntries: large, hashedEntries: 0))
        #expect(!Speculation.automatic.applies(exactEntries: large, hashedEntries: 10))
        #expect(!Speculation.automatic.applies(exactEntries: 1_000_000, hashedEntries: 0))
        #expect(!Speculation.never.applies(exactEntries: large, hashedEntries: 0))
        #expect(!Speculation.always.applies(exactEntries: 0, hashedEntries: 0))
    }

    @Test func keyOfTheAddressAsGivenStandsForTheCanonicalOneOnlyWhenTheBytesAgree() {
        func same(_ address: String, _ canonical: String) -> Bool {
            Array(address.utf8).withUnsafeBufferPointer { address in
                Array(canonical.utf8).withUnsafeBufferPointer { Skeleton.sameKey(address, $0) }
            }
        }
        #expect(same("<jane@example.com>", "jane@example.com"))
        #expect(same("jane@example.com", "jane@example.com"))
        #expect(!same("<Jane@example.com>", "jane@example.com"))
        #expect(!same("<jane@example.com>", "jane@example.co"))
        // Trimming would change this canonical text, so its key is not the given address's.
        #expect(!same("<<x@y>", "<x@y"))
    }
}
