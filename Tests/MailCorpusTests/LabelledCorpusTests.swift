import MailCorpus
import Testing

/// The labels CSV: columns by header name, RFC 4180 quoting, and bad rows named by line.
@Suite struct LabelledCorpusTests {
    @Test func columnsAreFoundByNameAndFlagsAccepted() throws {
        let csv = #"""
            Label , notes, FILE,borderline,mixed
            marketing,"a, quoted note",mail/one.eml,,1
            Service,"said ""hi""",mail/two.eml,yes,no

            other,,/abs/three.eml,TRUE,y
            """#
        let corpus = try LabelledCorpus(csv: csv, name: "labels.csv")
        #expect(
            corpus.rows == [
                .init(file: "mail/one.eml", label: .marketing, mixed: true, borderline: false, line: 2),
                .init(file: "mail/two.eml", label: .service, mixed: false, borderline: true, line: 3),
                .init(file: "/abs/three.eml", label: .other, mixed: true, borderline: true, line: 5),
            ]
        )
    }

    @Test func aQuotedLineBreakCountsTowardsLaterLineNumbers() throws {
        let csv = "file,label,notes\r\na.eml,marketing,\"two\r\nlines\"\r\nb.eml,spam\r\n"
        #expect(
            throws: LabelsError(file: "l.csv", line: 4, reason: "label 'spam' is not marketing, service, other or scam")
        ) {
            try LabelledCorpus(csv: csv, name: "l.csv")
        }
    }

    @Test(arguments: [
        ("", 0, "empty labels file"),
        ("path,label\na.eml,marketing\n", 1, "the header needs columns 'file' and 'label'"),
        ("file,label\na.eml,marketing\n,service\n", 3, "empty file column"),
        ("file,label\na.eml,marketing\nb.eml,\n", 3, "label '' is not marketing, service, other or scam"),
    ])
    func badFilesAreReportedByLine(csv: String, line: Int, reason: String) {
        #expect(throws: LabelsError(file: "labels.csv", line: line, reason: reason)) {
            try LabelledCorpus(csv: csv, name: "labels.csv")
        }
    }

    @Test func errorsPrintAsFileLineReason() {
        #expect(LabelsError(file: "l.csv", line: 7, reason: "why").description == "l.csv:7: why")
    }

    @Test func relativeFilesResolveUnderTheRootAndAbsoluteOnesDoNot() {
        let relative = LabelledCorpus.Row(file: "a/b.eml", label: .other, line: 2)
        let absolute = LabelledCorpus.Row(file: "/srv/c.eml", label: .other, line: 3)
        #expect(LabelledCorpus.path(of: relative, root: "/corpus") == "/corpus/a/b.eml")
        #expect(LabelledCorpus.path(of: absolute, root: "/corpus") == "/srv/c.eml")
        #expect(LabelledCorpus.defaultRoot(forLabelsFile: "/corpus/labels.csv") == "/corpus")
    }

    @Test func anUnreadableLabelsFileIsAFileError() {
        #expect(throws: MessageFilesError(path: "/nonexistent/labels.csv", reason: "cannot read labels file")) {
            try LabelledCorpus(contentsOfFile: "/nonexistent/labels.csv")
        }
    }
}
