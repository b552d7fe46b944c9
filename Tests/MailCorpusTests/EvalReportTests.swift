import Foundation
import MailCorpus
import MarketingClassifier
import Testing

/// eval's arithmetic over rows and its report text, and a whole evaluation over files on disk.
@Suite struct EvalReportTests {
    private func verdict(_ score: Double, hits: [(String, Double, String)] = []) -> Verdict {
        Verdict(
            score: score,
            threshold: 5,
            hits: hits.map {
                Verdict.Hit(ruleID: $0.0, description: "", score: $0.1, count: 1, group: nil, evidence: $0.2)
            }
        )
    }

    private func row(
        _ file: String,
        _ label: LabelledCorpus.Label,
        mixed: Bool = false,
        borderline: Bool = false
    )
        -> LabelledCorpus.Row
    {
        LabelledCorpus.Row(file: file, label: label, mixed: mixed, borderline: borderline, line: 2)
    }

    private func sampleReport() -> EvalReport {
        var report = EvalReport()
        report.add(row: self.row("m1.eml", .marketing), verdict: self.verdict(9))
        report.add(
            row: self.row("m2.eml", .marketing, mixed: true, borderline: true),
            verdict: self.verdict(2.5, hits: [("UTM_LINKS", 1.5, "utm_source=x"), ("OFFER", 1, "20% off")])
        )
        report.add(row: self.row("s1.eml", .service), verdict: self.verdict(6, hits: [("SALE", 6, "sale")]))
        report.add(row: self.row("s2.eml", .service, mixed: true), verdict: self.verdict(7))
        report.add(row: self.row("o1.eml", .other, borderline: true), verdict: self.verdict(0))
        return report
    }

    @Test func rowsLandInTheirMatrices() {
        let report = self.sampleReport()
        #expect(report.all == ConfusionMatrixTests.make(tp: 1, fp: 2, fn: 1, tn: 1))
        #expect(report.nonBorderline == ConfusionMatrixTests.make(tp: 1, fp: 2, fn: 0, tn: 0))
        #expect(report.mixed == ConfusionMatrixTests.make(tp: 0, fp: 1, fn: 1, tn: 0))
        #expect(report.serviceFlagged == 2)
        #expect(report.serviceTotal == 2)
        #expect(report.misclassified.map(\.file) == ["m2.eml", "s1.eml", "s2.eml"])
    }

    @Test func renderedReportText() {
        var report = self.sampleReport()
        report.excluded = 3
        let text = report.rendered(topHits: 1)
        let expected = """
            All rows, marketing vs service+other (5 messages)
                                  classified marketing   classified not
              labelled marketing                     1                      1
              labelled not                           2                      1
              precision 0.333  recall 0.500

            Non-borderline rows (3 messages)
                                  classified marketing   classified not
              labelled marketing                     1                      0
              labelled not                           2                      0
              precision 0.333  recall 1.000

            Mixed rows (service or discussion mail with a promotional element): recall 0.000 (0 of 1 detected)
            Service-labelled messages flagged as marketing: 2 of 2
            Scam rows excluded: 3

            Misclassified (3):
              m2.eml [marketing, mixed, borderline] score=2.5
                  1.5 UTM_LINKS: utm_source=x
              s1.eml [service] score=6.0
                  6.0 SALE: sale
              s2.eml [service, mixed] score=7.0
            """
        #expect(text == expected)
    }

    @Test func jsonCarriesTheHeadlineFigures() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try #require(
            try JSONSerialization.jsonObject(with: encoder.encode(self.sampleReport())) as? [String: Any]
        )
        #expect(
            Set(object.keys) == [
                "precision", "recall", "mixed_recall", "counts", "non_borderline", "mixed", "service_flagged",
                "service_total", "excluded", "misclassified",
            ]
        )
        #expect(object["recall"] as? Double == 0.5)
        let counts = try #require(object["counts"] as? [String: Any])
        #expect(counts["tp"] as? Int == 1)
        #expect(counts["fp"] as? Int == 2)
    }

    @Test func evaluatingFilesClassifiesEachRowAndSkipsScam() throws {
        let directory = try TemporaryDirectory()
        let rules = try directory.write(
            "rules.yaml",
            """
            version: 1
            threshold: 5
            rules:
              - id: SALE_SUBJECT
                description: a sale in the subject
                score: 10
                kind: subject
                pattern: '(?i)sale'
            """
        )
        try directory.write("mail/promo.eml", "Subject: Spring SALE\n\nEverything must go.\n")
        try directory.write("mail/receipt.eml", "Subject: Your receipt\n\nThanks for your order.\n")
        let labels = try directory.write(
            "labels.csv",
            "file,label\nmail/promo.eml,marketing\nmail/receipt.eml,marketing\nmail/missing.eml,scam\n"
        )
        let corpus = try LabelledCorpus(contentsOfFile: labels)
        let report = try EvalReport(
            evaluating: corpus,
            root: LabelledCorpus.defaultRoot(forLabelsFile: labels),
            classification: try MessageClassification(rulesFile: rules)
        )
        #expect(report.all == ConfusionMatrixTests.make(tp: 1, fp: 0, fn: 1, tn: 0))
        #expect(report.excluded == 1)
        #expect(report.misclassified.map(\.file) == ["mail/receipt.eml"])
    }

    @Test func aMissingMessageNamesItsLabelsLine() throws {
        let directory = try TemporaryDirectory()
        let corpus = try LabelledCorpus(csv: "file,label\n\nlost.eml,service\n", name: "labels.csv")
        #expect(
            throws: MessageFilesError(path: "\(directory.path)/lost.eml", reason: "cannot read message (labels line 3)")
        ) {
            try EvalReport(
                evaluating: corpus,
                root: directory.path,
                classification: MessageClassification(rulesFile: nil)
            )
        }
    }
}
