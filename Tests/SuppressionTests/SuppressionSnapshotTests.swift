import Foundation
import Testing

@testable import Suppression

@Suite struct SuppressionSnapshotTests {
    static let later = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func exactEntriesMatchEveryFormOfTheAddress() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["Jane.Doe@gmail.com", "bob@example.com"])
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)

        for recipient in ["janedoe@gmail.com", "<J.a.n.e.D.o.e+promo@GoogleMail.com>", "Bob <BOB+x@Example.COM>"] {
            let match = try #require(try snapshot.lookup(recipient: recipient, at: Self.later))
            #expect(match.kind == .exact)
        }
        #expect(try snapshot.lookup(recipient: "bobby@example.com", at: Self.later) == nil)
        #expect(try snapshot.lookup(recipient: "bob@example.org", at: Self.later) == nil)
        #expect(snapshot.count == 2)
    }

    @Test func lookupReportsTheEntry() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["first@example.com"])
        try temporary.add(["second@example.com"], scope: .categories(["newsletter"]))
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)
        let entries = try temporary.store.entries(fingerprints: [Fingerprint.exact("second@example.com")])
        let match = try #require(
            try snapshot.lookup(recipient: "second@example.com", category: "newsletter", at: Self.later)
        )
        #expect(match.entryID == entries.first?.id)
        #expect(match.matchedForm == "second@example.com")
        #expect(match.scope == .categories(["newsletter"]))
        #expect(match.effectiveAt == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func domainEntriesMatchTheDomainAndOptionallySubdomains() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["@Example.org", "@*.corp.example", "@Bücher.example"])
        try temporary.add(["@tree.example"], subdomains: true)
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)

        let suppressed = [
            "anyone@example.org", "x@corp.example", "x@a.b.corp.example", "x@tree.example", "x@mail.tree.example",
            "x@BÜCHER.example",
        ]
        for recipient in suppressed {
            #expect(try snapshot.lookup(recipient: recipient, at: Self.later) != nil, "\(recipient)")
        }
        for recipient in ["x@mail.example.org", "x@corp.example.com", "x@notcorp.example", "x@org"] {
            #expect(try snapshot.lookup(recipient: recipient, at: Self.later) == nil, "\(recipient)")
        }
        let match = try #require(try snapshot.lookup(recipient: "x@a.b.corp.example", at: Self.later))
        #expect(match.kind == .domainTree)
        #expect(match.matchedForm == "corp.example")
    }

    /// A lookup hashes the first eight domains of a recipient ahead of its probes and walks any
    /// deeper parents afterwards: entries at every depth, either side of that boundary, match
    /// (added from the most general, so each new one is the most specific and answers first).
    @Test func deepSubdomainsMatchAtEveryLevel() throws {
        let temporary = try TemporaryStore()
        let labels = (1...12).map { "l\($0)" }
        let recipient = "x@" + labels.joined(separator: ".") + ".example"
        for depth in [12, 9, 8, 7, 6, 0] {
            let parent = (labels.dropFirst(depth) + ["example"]).joined(separator: ".")
            try temporary.add(["@*." + parent])
            let snapshot = try SuppressionSnapshot.build(from: temporary.store)
            let match = try #require(try snapshot.lookup(recipient: recipient, at: Self.later), "depth \(depth)")
            #expect(match.matchedForm == parent)
            #expect(match.kind == .domainTree)
            #expect(try snapshot.lookup(recipient: "x@l1.l2.other.test", at: Self.later) == nil)
        }
    }

    @Test func hashedEntriesMatchCanonicalAndBasicForms() throws {
        let temporary = try TemporaryStore()
        // A partner hashed the lower-cased address as they had it (basic form) ...
        let basicSHA = AddressHashes.sha256Hex("mary.major+list@gmail.com")
        // ... another hashed our canonical form; a legacy list used MD5.
        let canonicalSHA = AddressHashes.sha256Hex("kim@example.com")
        let md5 = AddressHashes.md5Hex("lee@example.net")
        try temporary.add([basicSHA, "sha256:" + canonicalSHA.uppercased(), "md5:" + md5])
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)

        let viaBasic = try #require(try snapshot.lookup(recipient: "Mary.Major+list@gmail.com", at: Self.later))
        #expect(viaBasic.kind == .sha256)
        #expect(viaBasic.matchedForm == "mary.major+list@gmail.com")
        // The basic form of a differently written address differs, so only exact forms match.
        #expect(try snapshot.lookup(recipient: "marymajor@gmail.com", at: Self.later) == nil)

        #expect(try snapshot.lookup(recipient: "KIM+anything@example.com", at: Self.later)?.kind == .sha256)
        let viaMD5 = try #require(try snapshot.lookup(recipient: "Lee@Example.net", at: Self.later))
        #expect(viaMD5.kind == .md5)
        #expect(try snapshot.lookup(recipient: "leo@example.net", at: Self.later) == nil)
    }

    @Test func scopesDecideWhichCategoriesAreSuppressed() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["all@example.com"])
        try temporary.add(["news@example.com"], scope: .categories(["newsletter"]))
        try temporary.add(["both@example.com"], scope: .categories(["newsletter", "offers"]))
        try temporary.add(["both@example.com"], scope: .categories(["events"]))
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)

        let table: [(String, String?, Bool)] = [
            ("all@example.com", nil, true),
            ("all@example.com", "offers", true),
            ("news@example.com", "newsletter", true),
            ("news@example.com", "Newsletter", true),
            ("news@example.com", "offers", false),
            ("news@example.com", nil, false),
            ("news@example.com", "unknown-category", false),
            ("both@example.com", "offers", true),
            ("both@example.com", "events", true),
            ("both@example.com", "surveys", false),
        ]
        for (recipient, category, expected) in table {
            let suppressed = try snapshot.lookup(recipient: recipient, category: category, at: Self.later) != nil
            #expect(suppressed == expected, "\(recipient) category \(category ?? "nil")")
        }
    }

    @Test func entriesApplyFromTheirEffectiveTime() throws {
        let temporary = try TemporaryStore()
        let effective = Date(timeIntervalSince1970: 1_750_000_000)
        try temporary.add(["jane@example.com"], effectiveAt: effective)
        try temporary.add(
            ["jane@example.com"],
            scope: .categories(["offers"]),
            effectiveAt: Date(timeIntervalSince1970: 1_760_000_000)
        )
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)

        #expect(try snapshot.lookup(recipient: "jane@example.com", at: effective.addingTimeInterval(-1)) == nil)
        #expect(try snapshot.lookup(recipient: "jane@example.com", at: effective) != nil)
        #expect(try snapshot.lookup(recipient: "jane@example.com", at: effective.addingTimeInterval(86_400)) != nil)
    }

    @Test func removedEntriesNoLongerApply() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["jane@example.com", "@example.org"])
        let normalizer = AddressNormalizer.standard
        let removed = try temporary.store.write { writer in
            try writer.remove(key: SuppressionKey.parse("JANE@example.com", normalizer: normalizer), scope: nil)
        }
        #expect(removed == 1)
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)
        #expect(try snapshot.lookup(recipient: "jane@example.com", at: Self.later) == nil)
        #expect(try snapshot.lookup(recipient: "jane@example.org", at: Self.later) != nil)
    }

    @Test func invalidRecipientsThrowRatherThanAnswerNotSuppressed() throws {
        let snapshot = SuppressionSnapshot.empty()
        #expect(throws: AddressError.missingAt) { try snapshot.lookup(recipient: "postmaster") }
        #expect(throws: AddressError.missingAt) { try snapshot.isSuppressed(recipient: "postmaster") }
        #expect(try snapshot.lookup(recipient: "jane@example.com") == nil)
    }

    @Test func snapshotUsesTheStoresNormalisation() throws {
        let temporary = try TemporaryStore(
            normalization: NormalizationOptions(lowercaseLocalPart: false, subaddressSeparators: "-")
        )
        try temporary.add(["Jane-list@Example.com"])
        let snapshot = try SuppressionSnapshot.build(from: temporary.store)
        #expect(try snapshot.lookup(recipient: "Jane-other@example.com", at: Self.later) != nil)
        #expect(try snapshot.lookup(recipient: "jane@example.com", at: Self.later) == nil)
    }
}
