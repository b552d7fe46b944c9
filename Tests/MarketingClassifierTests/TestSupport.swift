import MailScanner

@testable import MarketingClassifier

/// Builds rule sets from YAML and messages from parts, so each test states only what it tests.
enum TestSupport {
    static func rules(_ body: String, threshold: Double = 5, groups: String = "") throws -> CompiledRuleSet {
        let yaml = "version: 1\nthreshold: \(threshold)\n\(groups)rules:\n\(body)"
        return try CompiledRuleSet.load(yaml: yaml, name: "test.yaml")
    }

    static func classify(
        _ rules: CompiledRuleSet,
        _ message: ScannedMessage,
        envelope: Envelope = Envelope()
    ) -> Verdict {
        MarketingClassifier(rules: rules).classify(message, envelope: envelope)
    }

    static func text(_ text: String, hidden: String = "", kind: ScannedMessage.TextPart.Kind = .plain) -> ScannedMessage
    {
        ScannedMessage(
            textParts: [
                .init(
                    kind: kind,
                    charset: "utf-8",
                    contentType: "text/\(kind.rawValue)",
                    text: text,
                    hiddenText: hidden
                )
            ]
        )
    }

    static func header(_ name: String, _ value: String) -> ScannedMessage.Header {
        .init(name: name, rawValue: value, value: value)
    }

    static func link(
        _ url: String,
        host: String,
        path: String = "/",
        query: [(String, String)] = [],
        text: String = ""
    )
        -> ScannedMessage.Link
    {
        .init(
            url: url,
            host: host,
            path: path,
            query: query.map { .init(name: $0.0, value: $0.1) },
            text: text,
            source: .html
        )
    }
}
