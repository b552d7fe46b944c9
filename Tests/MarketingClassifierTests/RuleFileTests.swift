import Testing

@testable import MarketingClassifier

/// A bad rule file is reported with its file name, the line and the rule id.
@Suite struct RuleFileTests {
    private func failure(_ yaml: String) -> RuleFileError? {
        do {
            _ = try CompiledRuleSet.load(yaml: yaml, name: "site.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func invalidPatternNamesFileLineAndRule() throws {
        let error = try #require(
            self.failure(
                """
                version: 1
                rules:
                  - id: fine
                    description: d
                    score: 1
                    kind: subject
                    pattern: 'ok'
                  - id: broken-regex
                    description: d
                    score: 1
                    kind: text
                    pattern: '(unclosed'
                """
            )
        )
        #expect(error.file == "site.yaml")
        #expect(error.line == 12)
        #expect(error.ruleID == "broken-regex")
        #expect(
            error.description.hasPrefix("site.yaml:12: rule 'broken-regex': 'pattern' is not a valid PCRE2 pattern")
        )
    }

    @Test func unknownKindAndKey() throws {
        let kind = try #require(self.failure("rules:\n  - {id: r1, description: d, score: 1, kind: telepathy}\n"))
        #expect(kind.ruleID == "r1")
        #expect(kind.line == 2)
        #expect(kind.message.contains("unknown kind 'telepathy'"))
        let key = try #require(
            self.failure("rules:\n  - id: r2\n    description: d\n    score: 1\n    kind: subject\n    patern: x\n")
        )
        #expect(key.ruleID == "r2")
        #expect(key.line == 6)
        #expect(key.message == "unknown key 'patern'")
    }

    @Test func missingFieldsAndBadValues() throws {
        let noScore = try #require(self.failure("rules:\n  - {id: r3, description: d, kind: subject, pattern: x}\n"))
        #expect(noScore.message == "missing 'score'")
        #expect(noScore.ruleID == "r3")
        let badScore = try #require(
            self.failure("rules:\n  - {id: r4, description: d, score: lots, kind: subject, pattern: x}\n")
        )
        #expect(badScore.message == "expected a number")
        let noPattern = try #require(self.failure("rules:\n  - {id: r5, description: d, score: 1, kind: subject}\n"))
        #expect(noPattern.message == "kind 'subject' needs 'pattern'")
        let badFeature = try #require(
            self.failure("rules:\n  - {id: r6, description: d, score: 1, kind: structure, feature: shiny}\n")
        )
        #expect(badFeature.message.hasPrefix("unknown feature 'shiny'"))
    }

    @Test func duplicateIdsAndUndeclaredGroups() throws {
        let duplicate = try #require(
            self.failure(
                "rules:\n  - {id: same, description: d, score: 1, kind: subject, pattern: a}\n"
                    + "  - {id: same, description: d, score: 1, kind: subject, pattern: b}\n"
            )
        )
        #expect(duplicate.ruleID == "same")
        #expect(duplicate.line == 3)
        #expect(duplicate.message == "duplicate rule id")
        let group = try #require(
            self.failure("rules:\n  - {id: g, description: d, score: 1, group: nowhere, kind: subject, pattern: a}\n")
        )
        #expect(group.message.contains("group 'nowhere' is not declared"))
    }

    @Test func yamlSyntaxErrorHasALine() throws {
        let error = try #require(self.failure("rules:\n  - id: x\n    description: [unclosed\n"))
        #expect(error.file == "site.yaml")
        #expect(error.line > 0)
        #expect(error.message.hasPrefix("not valid YAML"))
    }

    @Test func extendsBuiltinReplacesDisablesAndAdds() throws {
        let builtin = CompiledRuleSet.builtin()
        let rules = try CompiledRuleSet.load(
            yaml: """
                version: 1
                extends: builtin
                threshold: 6
                disable: [html-only]
                rules:
                  - {id: percent-off, description: stricter, score: 2, group: offer, kind: text, pattern: '\\d+% off'}
                  - {id: site-campaign-tag, description: our own marker, score: 9, kind: header, name: X-Our-Campaign}
                """,
            name: "site.yaml"
        )
        #expect(rules.threshold == 6)
        #expect(rules.rules.count == builtin.rules.count)
        #expect(!rules.rules.contains { $0.id == "html-only" })
        #expect(rules.rules.first { $0.id == "percent-off" }?.score == 2)
        #expect(rules.source == "built-in+site.yaml")
        let unknown = try #require(self.failure("extends: builtin\ndisable: [no-such-rule]\nrules: []\n"))
        #expect(unknown.ruleID == "no-such-rule")
    }

    @Test func builtinPackCompilesWithDescriptionsAndUniqueIds() {
        let rules = CompiledRuleSet.builtin()
        #expect(rules.rules.count > 40)
        #expect(rules.rules.allSatisfy { !$0.description.isEmpty && $0.line > 0 })
        #expect(rules.threshold == 5)
        #expect(rules.rules.contains { $0.score < 0 })
    }
}
