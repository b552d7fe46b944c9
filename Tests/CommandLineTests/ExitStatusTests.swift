import Testing

/// The exit-status convention every subcommand documents: 0/1 answers, 2 runtime failure with
/// one `optout-milter COMMAND: why` line and no usage, 64 wrong arguments with the usage.
@Suite struct ExitStatusTests {
    private static let rules = """
        version: 1
        threshold: 5
        rules:
          - id: SALE_SUBJECT
            description: a sale in the subject
            score: 10
            kind: subject
            pattern: '(?i)sale'
        """

    @Test(arguments: [
        (["check", "/nonexistent/message.eml"], "optout-milter check: /nonexistent/message.eml: no such file"),
        (["scan", "/nonexistent/message.eml"], "optout-milter scan: cannot read /nonexistent/message.eml"),
        (["eval", "--labels", "/nonexistent/labels.csv"], "optout-milter eval: /nonexistent/labels.csv: cannot read"),
        (["check", "--rules", "/nonexistent/rules.yaml", "/dev/null"], "optout-milter check: /nonexistent/rules.yaml"),
        (["suppress", "stats", "--store", "sqlite:/nonexistent/dir/s.db"], "optout-milter suppress stats: "),
        (
            ["suppress", "add", "--store", "sqlite:/nonexistent/dir/s.db", "a@example.com"],
            "optout-milter suppress add: "
        ),
        (["simulate", "--to", "a@example.com", "/nonexistent/message.eml"], "optout-milter simulate: "),
    ])
    func runtimeFailuresExitTwoWithoutUsage(arguments: [String], prefix: String) throws {
        let outcome = try BuiltCommand().run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.hasPrefix(prefix), "stderr: \(outcome.standardError)")
        #expect(!outcome.printedUsage, "usage printed for a runtime failure: \(outcome.standardError)")
    }

    @Test func anUnwritableExportFileIsARuntimeFailure() throws {
        let command = try BuiltCommand()
        let store = "sqlite:\(command.path("s.db"))"
        let outcome = try command.run(["suppress", "export", "--store", store, "-o", "/nonexistent/dir/out.csv"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError == "optout-milter suppress export: cannot create /nonexistent/dir/out.csv\n")
        #expect(!outcome.printedUsage)
    }

    @Test(arguments: [
        ["check"],
        ["check", "--no-such-option", "/dev/null"],
        ["suppress", "lookup", "--at", "not a time", "a@example.com"],
        ["suppress", "import", "--format", "nonsense", "/dev/null"],
        ["suppress", "add", "--scope", "news letter!", "a@example.com"],
        ["suppress", "remove", "--scope", "news letter!", "a@example.com"],
    ])
    func wrongArgumentsExit64WithTheSubcommandsUsage(arguments: [String]) throws {
        let outcome = try BuiltCommand().run(arguments)
        #expect(outcome.status == 64)
        // The subcommand's own usage, not the root's: the arguments are checked while parsing.
        let subcommand = arguments.prefix { !$0.hasPrefix("-") }.joined(separator: " ")
        #expect(outcome.standardError.contains("Usage: optout-milter \(subcommand)"), "\(outcome.standardError)")
    }

    @Test func configCheckAnswersOneForAFileItCannotUse() throws {
        let command = try BuiltCommand()
        let bad = try command.write("bad.yaml", "sockett: unix:/tmp/x.sock\n")
        for file in [bad, "/nonexistent/optout-milter.yaml"] {
            let outcome = try command.run(["config", "check", file])
            #expect(outcome.status == 1)
            #expect(outcome.standardError.hasPrefix("optout-milter config check: \(file)"), "\(outcome.standardError)")
            #expect(!outcome.printedUsage)
        }
    }

    @Test func checkAnswersZeroForServiceAndOneForMarketing() throws {
        let command = try BuiltCommand()
        let rules = try command.write("rules.yaml", Self.rules)
        let service = try command.write("receipt.eml", "Subject: Your receipt\n\nThanks for your order.\n")
        let marketing = try command.write("promo.eml", "Subject: Spring SALE\n\nEverything must go.\n")
        #expect(try command.run(["check", "--rules", rules, service]).status == 0)
        let outcome = try command.run(["check", "--rules", rules, service, marketing])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.contains("promo.eml: marketing"))
        #expect(outcome.standardError.isEmpty)
    }

    @Test func suppressAnswersZeroAndOneLikeGrep() throws {
        let command = try BuiltCommand()
        let store = "sqlite:\(command.path("s.db"))"
        #expect(try command.run(["suppress", "lookup", "--store", store, "jane@example.com"]).status == 1)
        #expect(try command.run(["suppress", "remove", "--store", store, "jane@example.com"]).status == 1)
        #expect(try command.run(["suppress", "add", "--store", store, "jane@example.com"]).status == 0)
        #expect(try command.run(["suppress", "lookup", "--store", store, "jane@example.com"]).status == 0)
        #expect(try command.run(["suppress", "remove", "--store", store, "jane@example.com"]).status == 0)
    }

    @Test(arguments: [
        ["run"], ["scan"], ["check"], ["eval"], ["suppress"], ["suppress", "add"], ["suppress", "remove"],
        ["suppress", "lookup"], ["suppress", "import"], ["suppress", "export"], ["suppress", "stats"],
        ["suppress", "normalize"], ["simulate"], ["config", "check"],
    ])
    func everyHelpDocumentsItsExitStatus(command: [String]) throws {
        let outcome = try BuiltCommand().run(["help"] + command)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("EXIT STATUS"), "\(command) --help: \(outcome.standardOutput)")
    }
}
