import MailCorpus
import Testing

/// The figures eval reports, including the cases that would divide by zero.
@Suite struct ConfusionMatrixTests {
    /// A matrix built through ``ConfusionMatrix/add(actual:predicted:)``, one call per message.
    static func make(tp: Int, fp: Int, fn: Int, tn: Int) -> ConfusionMatrix {
        var matrix = ConfusionMatrix()
        for _ in 0..<tp { matrix.add(actual: true, predicted: true) }
        for _ in 0..<fp { matrix.add(actual: false, predicted: true) }
        for _ in 0..<fn { matrix.add(actual: true, predicted: false) }
        for _ in 0..<tn { matrix.add(actual: false, predicted: false) }
        return matrix
    }

    @Test func addCountsEachCell() {
        let matrix = Self.make(tp: 3, fp: 1, fn: 2, tn: 4)
        #expect(matrix.truePositives == 3)
        #expect(matrix.falsePositives == 1)
        #expect(matrix.falseNegatives == 2)
        #expect(matrix.trueNegatives == 4)
        #expect(matrix.total == 10)
    }

    @Test func precisionRecallAndF1() throws {
        let matrix = Self.make(tp: 6, fp: 2, fn: 3, tn: 9)
        #expect(matrix.precision == 0.75)
        #expect(try #require(matrix.recall) == 6.0 / 9.0)
        // 2PR / (P + R) with P = 3/4 and R = 2/3 is 12/17.
        #expect(abs(try #require(matrix.f1) - 12.0 / 17.0) < 1e-12)
    }

    @Test func zeroDivisionsAreNilNotNaN() {
        let empty = ConfusionMatrix()
        #expect(empty.precision == nil)
        #expect(empty.recall == nil)
        #expect(empty.f1 == nil)
        // Nothing flagged: precision undefined, recall 0.
        let noneFlagged = Self.make(tp: 0, fp: 0, fn: 4, tn: 5)
        #expect(noneFlagged.precision == nil)
        #expect(noneFlagged.recall == 0)
        #expect(noneFlagged.f1 == nil)
        // No marketing rows: recall undefined.
        let noPositives = Self.make(tp: 0, fp: 2, fn: 0, tn: 5)
        #expect(noPositives.precision == 0)
        #expect(noPositives.recall == nil)
        // Both defined but zero: F1 would be 0/0.
        let allWrong = Self.make(tp: 0, fp: 1, fn: 1, tn: 0)
        #expect(allWrong.precision == 0)
        #expect(allWrong.recall == 0)
        #expect(allWrong.f1 == nil)
    }

    @Test(
        arguments: [
            (nil, "n/a"), (0.0, "0.000"), (1.0, "1.000"), (0.75, "0.750"), (2.0 / 3.0, "0.667"), (0.0005, "0.001"),
            (0.0994, "0.099"),
        ] as [(Double?, String)]
    )
    func figuresHaveThreeDecimals(value: Double?, text: String) {
        #expect(ConfusionMatrix.figure(value) == text)
    }

    @Test func renderedAlignsTheCells() {
        let lines = Self.make(tp: 12, fp: 1, fn: 3, tn: 140).rendered(title: "All")
        #expect(
            lines == [
                "All (156 messages)",
                "                      classified marketing   classified not",
                "  labelled marketing                    12                      3",
                "  labelled not                           1                    140",
                "  precision 0.923  recall 0.800",
            ]
        )
    }
}
