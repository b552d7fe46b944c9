import FuzzDriver
import MailScanner
import MarketingClassifier

/// `CompiledRuleSet.load(yaml:name:)` on arbitrary text: YAML, the rule-file schema and the PCRE2
/// patterns it compiles.
///
/// - Every input loads or throws a `RuleFileError` (typed throws) that names the file;
/// - a loaded set has unique ids, declares every group its rules use, a finite threshold, and
///   as many rules as the file (without `extends: builtin`);
/// - the set classifies a fixed message, twice to the same hits, and restricts to each stage
///   without trapping (which `restricted(to:)` would on an inconsistent set).
enum RulesFuzz {
    static let name = "fuzz-rules.yaml"

    /// A small message with a little of everything the rule kinds look at.
    static let message: ScannedMessage = MessageScanner.scan(
        Array(
            """
            From: "Shop News" <news@shop.example>
            Reply-To: offers@shop.example
            To: anna@example.org
            Subject: =?UTF-8?Q?20=25_off_everything_=E2=80=93_this_weekend_only?=
            List-Unsubscribe: <https://shop.example/u/abc>, <mailto:u@shop.example>
            List-Id: Shop News <news.shop.example>
            X-Message-Category: marketing
            X-Campaign: spring-2024
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8

            Hello Anna, save 20% on shoes. Your receipt for order 1234 is attached. Günstiger!
            Reset your password: https://shop.example/reset?token=x&utm_source=news
            --b
            Content-Type: text/html; charset=utf-8

            <p>Spring sale: <a href="https://click.shop.example/t?u=1&utm_campaign=spring">Shop now</a></p>
            <img src="https://t.shop.example/open.gif" width="1" height="1" alt="">
            <img src="cid:logo" alt="Shop logo"><p style="display:none">hidden preheader text</p>
            <p>優惠 Rabatt 15 % Download our app</p>
            --b--

            """.utf8
        )
    )
    static let envelope = Envelope(mailFrom: "bounce-123@mail.shop.example", authenticatedUser: "shop")

    static func testOneInput(_ bytes: UnsafeBufferPointer<UInt8>) {
        let yaml = String(decoding: bytes, as: UTF8.self)
        let rules: CompiledRuleSet
        do {
            rules = try CompiledRuleSet.load(yaml: yaml, name: Self.name)
        } catch {
            guard error.file == Self.name || error.file == "built-in+" + Self.name, error.line >= 0,
                error.description.hasPrefix(error.file), !error.message.isEmpty
            else {
                fuzzFailure("the error does not name the file: \(error)", input: yaml)
            }
            return
        }
        let file: RuleFile
        do {
            file = try RuleFile.parse(yaml, name: Self.name)
        } catch {
            fuzzFailure("the set loads but the file does not parse: \(error)", input: yaml)
        }
        guard file.extendsBuiltin || rules.rules.count == file.rules.count else {
            fuzzFailure("\(file.rules.count) rules in the file, \(rules.rules.count) loaded", input: yaml)
        }
        guard Set(rules.rules.map(\.id)).count == rules.rules.count else {
            fuzzFailure("duplicate rule ids loaded", input: yaml)
        }
        for rule in rules.rules {
            if let group = rule.group, rules.groups[group] == nil {
                fuzzFailure("rule \(rule.id) uses undeclared group \(group)", input: yaml)
            }
        }
        guard rules.threshold.isFinite else {
            fuzzFailure("threshold \(rules.threshold)", input: yaml)
        }
        let classifier = MarketingClassifier(rules: rules, threshold: nil)
        let first = classifier.classify(Self.message, envelope: Self.envelope)
        let second = classifier.classify(Self.message, envelope: Self.envelope)
        guard first.hits.map(\.ruleID) == second.hits.map(\.ruleID), first.isMarketing == second.isMarketing else {
            fuzzFailure("two classifications of one message differ", input: yaml)
        }
        for stage in Stage.allCases {
            let restricted = rules.restricted(to: stage)
            guard restricted.rules.allSatisfy({ $0.stage <= stage }) else {
                fuzzFailure("restricted(to: \(stage)) kept a later rule", input: yaml)
            }
            _ = MarketingClassifier(rules: restricted, threshold: nil).classify(Self.message, envelope: Self.envelope)
        }
    }
}
