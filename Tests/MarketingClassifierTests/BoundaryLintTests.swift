import Testing

@testable import MarketingClassifier

/// `\b` is ASCII-only: beside a non-ASCII letter it never marks a word's start or end, and the branch
/// it is in is dead. The reader refuses such a pattern; the built-in pack's branches that had one
/// (FR, IT, DE) now match their phrases.
@Suite struct BoundaryLintTests {
    @Test(arguments: [
        ("\\bnovità\\b", "à"),
        ("\\bà moitié prix\\b", "à"),
        ("\\b(échangez|utilisez) vos points", "é"),
        ("\\b(?:utilisez|échangez)", "é"),
        ("\\d+ (€|EUR)\\b", "€"),
        ("(des|les) clients ont (également|aussi) acheté\\b", "é"),
        ("\\b((ö|o)ffnen|x)", "ö"),
    ])
    func flagsABoundaryBesideANonASCIICharacter(_ source: String, _ expected: String) {
        #expect(BoundaryLint.nonASCIIBeside(in: source).map { String($0) } == expected, "\(source)")
    }

    @Test(arguments: [
        "\\bnovità", "à moitié prix\\b", "(échangez|\\butilisez) vos", "\\d+ (€|(EUR|USD)\\b)", "\\bgünstiger\\b",
        "\\bpréférences (marketing|de communication)\\b", "\\bcoupon\\b", "[é]\\b", "\\x{e9}\\b", "\\Qé\\E\\b",
        "\\b(?i)novit", "(?<!é)\\bword\\b", "é?\\bword",
    ])
    func leavesOtherPatternsAlone(_ source: String) {
        #expect(BoundaryLint.nonASCIIBeside(in: source) == nil, "\(source)")
    }

    @Test func theReaderRefusesItWithFileLineAndRule() throws {
        let yaml = """
            version: 1
            rules:
              - id: it-launch
                description: d
                score: 1
                kind: text
                pattern: '\\bnovità\\b'
            """
        let error = try #require(throws: RuleFileError.self) { try CompiledRuleSet.load(yaml: yaml, name: "site.yaml") }
        #expect(error.line == 7)
        #expect(error.ruleID == "it-launch")
        #expect(error.description.hasPrefix("site.yaml:7: rule 'it-launch': 'pattern' has \\b beside 'à'"))
    }

    /// Each phrase reached only a branch with `\b` beside a non-ASCII letter before the fix.
    @Test(arguments: [
        ("percent-off", "Économisez 20 % sur toute la collection."),
        ("price-cut", "Ce week-end, tout est à moitié prix."),
        ("price-qualifier", "Das Set gibt es jetzt für nur 19,99 € im Shop."),
        ("product-launch", "Scopri tutte le novità della stagione."),
        ("card-use-nudge", "Cumulez vos points de fidélité à chaque achat."),
        ("card-use-nudge", "Raccogli i punti fedeltà, ogni giorno."),
        ("loyalty-redeem", "Échangez vos points contre un bon d'achat."),
        ("cross-sell", "Les clients ont également acheté : le même modèle en bleu."),
    ])
    func theBuiltinBranchesMatchTheirPhrases(_ ruleID: String, _ sentence: String) {
        let verdict = TestSupport.classify(CompiledRuleSet.builtin(), TestSupport.text(sentence))
        #expect(verdict.hits.contains { $0.ruleID == ruleID }, "\(sentence): \(verdict.hits.map(\.ruleID))")
    }
}
