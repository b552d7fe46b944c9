import Policy
import Testing

@testable import OptOutMilter

@Suite struct PolicyConfigurationTests {
    @Test func readsEveryPolicyKey() throws {
        let yaml = """
            mode: monitor
            scan: when-suppressed
            header: X-Compliance
            outbound:
              authenticated: false
              daemons: [ORIGINATING, submission]
              networks: [10.0.0.0/8, "2001:db8::/32"]
            suppression:
              store: sqlite:/tmp/list.db
              refresh_interval: 0.5
            classifier:
              rules: /etc/optout-milter/rules.yaml
              model: builtin
              threshold: 6.5
              uncertain_band: 0.5
            declared:
              header: X-Category
              remove_header: false
              service_senders: [receipts@bank.example, "@statements.bank.example"]
            actions:
              suppressed: quarantine
              all_suppressed: redirect:compliance@corp.example
              mislabelled: remove-recipient
              uncertain: reject
              reject_text: "5.7.1 No marketing to opted-out recipients"
            audit:
              path: ""
              recipients: sha256
            """
        let configuration = try OptOutMilterConfiguration.parse(yaml: yaml, file: "policy.yaml")
        let policy = configuration.policy
        #expect(policy.mode == .monitor)
        #expect(configuration.scan == .whenSuppressed)
        #expect(policy.headerName == "X-Compliance")
        #expect(!policy.outbound.authenticated)
        #expect(policy.outbound.daemons == ["ORIGINATING", "submission"])
        #expect(policy.outbound.networks.map(\.description) == ["10.0.0.0/8", "2001:db8::/32"])
        #expect(configuration.suppressionStore == "sqlite:/tmp/list.db")
        #expect(configuration.refreshIntervalSeconds == 0.5)
        #expect(configuration.classifierRules == "/etc/optout-milter/rules.yaml")
        #expect(configuration.classifierModel == "builtin")
        #expect(configuration.classifierThreshold == 6.5)
        #expect(policy.uncertainBand == 0.5)
        #expect(policy.declared.header == "X-Category")
        #expect(!policy.declared.removeHeader)
        #expect(policy.declared.serviceSenders == ["receipts@bank.example", "@statements.bank.example"])
        #expect(policy.actions.suppressed == .quarantine)
        #expect(policy.actions.allSuppressed == .redirect("compliance@corp.example"))
        #expect(policy.actions.mislabelled == .removeRecipient)
        #expect(policy.actions.uncertain == .reject)
        #expect(policy.actions.rejectText == "5.7.1 No marketing to opted-out recipients")
        #expect(configuration.auditPath == nil)
        #expect(configuration.auditRecipients == .sha256)
        // What `config check` prints reads back as the same configuration.
        let again = try OptOutMilterConfiguration.parse(yaml: configuration.renderedYAML, file: "rendered.yaml")
        #expect(again == configuration)
    }

    @Test func theDefaultsRenderAndReadBack() throws {
        let defaults = OptOutMilterConfiguration()
        #expect(try OptOutMilterConfiguration.parse(yaml: defaults.renderedYAML, file: "d.yaml") == defaults)
        #expect(defaults.policy.headerName == "X-OptOut-Policy")
        #expect(defaults.policy.actions.allSuppressed == .reject)
        #expect(defaults.policy.actions.mislabelled == .quarantine)
        #expect(defaults.auditPath == "/var/log/optout-milter/audit.jsonl")
    }

    @Test(arguments: [
        ("actions:\n  suppressed: drop\n", 2, "actions.suppressed: 'drop' is not one of"),
        ("actions:\n  suppresed: tag\n", 2, "unknown key 'actions.suppresed'"),
        ("outbound:\n  networks: [10.0.0.0/33]\n", 2, "outbound.networks: '10.0.0.0/33' is not"),
        ("outbound: yes\n", 1, "outbound: expected a mapping"),
        ("mode: strict\n", 1, "mode: 'strict' is not one of: enforce, monitor"),
        ("declared:\n  service_senders: [bank.example]\n", 2, "neither an address nor an @domain"),
        ("actions:\n  all_suppressed: redirect:nobody\n", 2, "actions.all_suppressed"),
        ("suppression:\n  store: mysql://x\n", 2, "suppression.store"),
        ("scan: sometimes\n", 1, "scan: 'sometimes' is not one of: always, when-suppressed"),
        ("header: \"X Bad\"\n", 1, "header: 'X Bad' is not a header name"),
        ("classifier:\n  uncertain_band: -1\n", 2, "classifier.uncertain_band: expected a number"),
    ])
    func aBadPolicyKeyNamesTheFileLineAndKey(yaml: String, line: Int, message: String) {
        #expect {
            _ = try OptOutMilterConfiguration.parse(yaml: yaml, file: "/etc/p.yaml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }
}
