import Foundation
import Testing

@testable import Suppression

@Suite struct SuppressionImporterTests {
    static let later = Date(timeIntervalSince1970: 1_900_000_000)

    static func fixture(_ name: String) throws -> String {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return directory.appendingPathComponent(name).path
    }

    struct FormatCase: CustomTestStringConvertible, Sendable {
        var file: String
        var format: ImportFormat
        var entries: Int
        /// Recipients (with category) that must be suppressed afterwards.
        var suppressed: [(String, String?)]
        /// Recipients (with category) that must not be.
        var notSuppressed: [(String, String?)] = []
        /// An entry's effective time as written in the file.
        var effective: (String, Date)?

        var testDescription: String { self.file }
    }

    static let formats: [FormatCase] = [
        FormatCase(
            file: "text.txt",
            format: .text,
            entries: 5,
            suppressed: [
                ("alice@example.com", nil), ("bob@example.org", nil), ("x@blocked.example", nil),
                ("Carol@example.net", nil),
            ],
            notSuppressed: [("x@sub.blocked.example", nil)]
        ),
        FormatCase(
            file: "generic.csv",
            format: .csv,
            entries: 4,
            suppressed: [
                ("erin@example.com", "newsletter"), ("frank@example.com", "offers"), ("grace@example.com", "offers"),
                ("a@b.partner.example", nil),
            ],
            notSuppressed: [("erin@example.com", "offers"), ("grace@example.com", nil)],
            effective: ("frank@example.com", Date(timeIntervalSince1970: 1_709_373_600))
        ),
        FormatCase(
            file: "hashed.csv",
            format: .csv,
            entries: 3,
            suppressed: [("heidi@example.com", nil), ("Ivan.Petrov+x@gmail.com", nil), ("judy@example.com", nil)],
            notSuppressed: [("ivanpetrov@gmail.com", nil)]
        ),
        FormatCase(
            file: "hashed.txt",
            format: .text,
            entries: 2,
            suppressed: [("mallory@example.com", nil), ("NIAJ@example.com", nil)]
        ),
        FormatCase(
            file: "mailchimp-unsubscribed.csv",
            format: .mailchimp,
            entries: 2,
            suppressed: [("olivia@example.com", nil), ("peggy@example.com", "offers")],
            effective: ("olivia@example.com", Date(timeIntervalSince1970: 1_707_552_942))
        ),
        FormatCase(
            file: "sendgrid-unsubscribes.csv",
            format: .sendgrid,
            entries: 2,
            suppressed: [("rupert@example.com", nil), ("sybil@example.com", nil)],
            effective: ("rupert@example.com", Date(timeIntervalSince1970: 1_706_745_600))
        ),
        FormatCase(
            file: "mailgun-unsubscribes.csv",
            format: .mailgun,
            entries: 2,
            suppressed: [("trent@example.com", "offers"), ("victor@example.com", "newsletter")],
            notSuppressed: [("victor@example.com", "offers")],
            effective: ("trent@example.com", Date(timeIntervalSince1970: 1_706_871_775))
        ),
        FormatCase(
            file: "postmark-suppressions.csv",
            format: .postmark,
            entries: 2,
            suppressed: [("walter@example.com", nil), ("xavier@example.com", nil)],
            effective: ("walter@example.com", Date(timeIntervalSince1970: 1_705_345_392))
        ),
        FormatCase(
            file: "ses-suppressed.csv",
            format: .ses,
            entries: 2,
            suppressed: [("yolanda@example.com", nil), ("zack@example.com", nil)],
            effective: ("zack@example.com", Date(timeIntervalSince1970: 1_705_831_200))
        ),
    ]

    @Test(arguments: formats)
    func importsEachFormat(_ testCase: FormatCase) throws {
        let temporary = try TemporaryStore()
        let importer = SuppressionImporter(normalizer: .standard)
        let report = try importer.importFile(try Self.fixture(testCase.file), into: temporary.store)
        #expect(report.format == testCase.format)
        #expect(report.entries == testCase.entries)
        #expect(report.skipped == 0)

        let snapshot = try SuppressionSnapshot.build(from: temporary.store)
        #expect(snapshot.count == testCase.entries)
        for (recipient, category) in testCase.suppressed {
            #expect(
                try snapshot.lookup(recipient: recipient, category: category, at: Self.later) != nil,
                "\(recipient)"
            )
        }
        for (recipient, category) in testCase.notSuppressed {
            #expect(
                try snapshot.lookup(recipient: recipient, category: category, at: Self.later) == nil,
                "\(recipient)"
            )
        }
        if let (recipient, date) = testCase.effective {
            let match = try #require(try snapshot.lookup(recipient: recipient, at: Self.later))
            #expect(match.effectiveAt == date)
            #expect(try snapshot.lookup(recipient: recipient, at: date.addingTimeInterval(-1)) == nil)
        }
    }

    @Test func reasonsAndSourcesComeFromTheFile() throws {
        let temporary = try TemporaryStore()
        _ = try SuppressionImporter(normalizer: .standard).importFile(
            try Self.fixture("mailchimp-unsubscribed.csv"),
            into: temporary.store
        )
        var entries: [SuppressionEntry] = []
        try temporary.store.forEachEntry(includingRemoved: false) { entry, _ in entries.append(entry) }
        let peggy = try #require(entries.first { $0.key.key == "peggy@example.com" })
        #expect(peggy.reason == "Other / Too many emails / Weekly Digest")
        #expect(peggy.source == "import:mailchimp:mailchimp-unsubscribed.csv")
        #expect(peggy.raw == "Peggy@Example.com")
    }

    @Test func aBadLineChangesNothingAndIsNamed() throws {
        let temporary = try TemporaryStore()
        try temporary.add(["existing@example.com"])
        let tokenBefore = try temporary.store.changeToken()
        let path = try Self.fixture("bad-line.csv")
        #expect {
            try SuppressionImporter(normalizer: .standard).importFile(path, into: temporary.store)
        } throws: { error in
            guard let error = error as? ImportError else { return false }
            return error.line == 4 && error.file == path && error.message.contains("not an address")
        }
        #expect(try temporary.store.changeToken() == tokenBefore)
        #expect(try temporary.store.statistics().active == 1)
    }

    @Test func skipInvalidImportsTheRestAndCountsBadLines() throws {
        let temporary = try TemporaryStore()
        let importer = SuppressionImporter(normalizer: .standard, options: .init(skipInvalid: true))
        let report = try importer.importFile(try Self.fixture("bad-line.csv"), into: temporary.store)
        #expect(report.entries == 3)
        #expect(report.skipped == 1)
        #expect(report.skippedExamples.first?.hasPrefix("line 4:") == true)
    }

    @Test func lineNumbersCountLineBreaksInsideQuotes() throws {
        let temporary = try TemporaryStore()
        let path = try temporary.file(
            "multiline.csv",
            "email,reason\na@example.com,\"first\nsecond\"\nb@example.com,x\nbad,y\n"
        )
        #expect {
            try SuppressionImporter(normalizer: .standard).importFile(path, into: temporary.store)
        } throws: { ($0 as? ImportError)?.line == 5 }
    }

    @Test func badTimesAndUnknownHeadersAreErrors() throws {
        let temporary = try TemporaryStore()
        let badTime = try temporary.file("time.csv", "email,created_at\na@example.com,yesterday\n")
        #expect {
            try SuppressionImporter(normalizer: .standard).importFile(badTime, into: temporary.store)
        } throws: { ($0 as? ImportError).map { $0.line == 2 && $0.message.contains("yesterday") } ?? false }

        let unknown = try temporary.file("unknown.csv", "name,phone\nAnn,555\n")
        #expect {
            try SuppressionImporter(normalizer: .standard).importFile(unknown, into: temporary.store)
        } throws: { ($0 as? ImportError).map { $0.line == 1 && $0.message.contains("--format") } ?? false }

        let unterminated = try temporary.file("quote.csv", "email\n\"a@example.com\n")
        #expect {
            try SuppressionImporter(normalizer: .standard).importFile(unterminated, into: temporary.store)
        } throws: { ($0 as? ImportError)?.line == 2 }
    }

    @Test func mailchimpSubscribedExportIsRefused() throws {
        let temporary = try TemporaryStore()
        let path = try temporary.file(
            "subscribed.csv",
            "Email Address,First Name,MEMBER_RATING,OPTIN_TIME,LEID,EUID\nann@example.com,Ann,2,2022-01-01 00:00:00,1,a\n"
        )
        #expect {
            try SuppressionImporter(normalizer: .standard).importFile(path, into: temporary.store)
        } throws: { ($0 as? ImportError)?.message.contains("subscribed") ?? false }
    }

    @Test func exportReadsBackIntoAnEqualStore() throws {
        let source = try TemporaryStore()
        for file in ["generic.csv", "text.txt", "hashed.csv", "mailgun-unsubscribes.csv"] {
            _ = try SuppressionImporter(normalizer: .standard).importFile(try Self.fixture(file), into: source.store)
        }
        var csv = Data()
        let exported = try SuppressionExporter.export(source.store) { csv.append($0) }
        let copy = try TemporaryStore()
        let path = try copy.file("export.csv", String(decoding: csv, as: UTF8.self))
        let report = try SuppressionImporter(normalizer: .standard).importFile(path, into: copy.store)
        #expect(report.format == .export)
        #expect(report.entries == exported)

        func summary(_ store: SQLiteSuppressionStore) throws -> [String] {
            var lines: [String] = []
            try store.forEachEntry(includingRemoved: false) { entry, _ in
                lines.append("\(entry.key) \(entry.scope.spec) \(entry.effectiveAt) \(entry.reason) \(entry.source)")
            }
            return lines.sorted()
        }
        #expect(try summary(copy.store) == summary(source.store))
    }
}
