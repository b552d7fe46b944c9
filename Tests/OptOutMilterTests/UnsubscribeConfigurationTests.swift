import Foundation
import OptOutMilter
import Testing
import Unsubscribe

@Suite struct UnsubscribeConfigurationTests {
    @Test func absentMeansOffAndTheSectionReadsEveryKey() throws {
        #expect(try OptOutMilterConfiguration.parse(yaml: "mode: enforce\n", file: "t").unsubscribe == nil)
        let yaml = """
            unsubscribe:
              url: https://unsubscribe.example.com/u/
              mailto: unsubscribe@example.com
              listen: 127.0.0.1:9288
              keys: [/etc/k1, /etc/k0]
              scope: newsletter
              token_lifetime: 30d
              headers: replace
            """
        let settings = try #require(try OptOutMilterConfiguration.parse(yaml: yaml, file: "t").unsubscribe)
        #expect(
            settings
                == UnsubscribeSettings(
                    url: "https://unsubscribe.example.com/u/",
                    mailto: "unsubscribe@example.com",
                    listen: MetricsListenAddress(host: "127.0.0.1", port: 9288),
                    keyFiles: ["/etc/k1", "/etc/k0"],
                    scope: "newsletter",
                    tokenLifetimeSeconds: 30 * 86_400,
                    headers: .replace
                )
        )
        let minimal = try OptOutMilterConfiguration.parse(
            yaml: "unsubscribe:\n  url: https://u.example/u/\n  keys: /etc/k\n",
            file: "t"
        ).unsubscribe
        #expect(minimal?.listen == UnsubscribeSettings.defaultListen)
        #expect(minimal?.keyFiles == ["/etc/k"])
        #expect(minimal?.scope == "marketing")
        #expect(minimal?.tokenLifetimeSeconds == Int64(400 * 86_400))
        #expect(minimal?.headers == .addIfMissing)
    }

    @Test(arguments: [
        ("unsubscribe:\n", 1, "unsubscribe: expected a mapping"),
        ("mode: enforce\nunsubscribe:\n  keys: [/k]\n", 2, "'unsubscribe.url' is required"),
        ("unsubscribe:\n  url: https://u.example/u/\n", 1, "'unsubscribe.keys' is required"),
        ("unsubscribe:\n  url: http://u.example/u/\n  keys: [/k]\n", 2, "needs an https URL"),
        ("unsubscribe:\n  keys: [/k]\n  url: https://u.example/u/?x=1\n", 3, "query or fragment"),
        ("unsubscribe:\n  url: https://u.example/u/\n  keys: []\n", 3, "at least one key file"),
        ("unsubscribe:\n  url: https://u.example/u/\n  keys: [/k]\n  mailto: nobody\n", 4, "not a mailbox"),
        ("unsubscribe:\n  url: https://u.example/u/\n  keys: [/k]\n  token_lifetime: 5x\n", 4, "expected a duration"),
        ("unsubscribe:\n  url: https://u.example/u/\n  keys: [/k]\n  token_lifetime: 10m\n", 4, "expected a duration"),
        ("unsubscribe:\n  url: https://u.example/u/\n  keys: [/k]\n  headers: keep\n", 4, "'keep' is not one of"),
        ("unsubscribe:\n  url: https://u.example/u/\n  keys: [/k]\n  scope: ''\n", 4, "unsubscribe.scope"),
        ("unsubscribe:\n  url: https://u.example/u/\n  keys: [/k]\n  listen: 0.0.0.0:9188\n", 4, "allow_remote"),
        ("unsubscribe:\n  url: https://u.example/u/\n  keys: [/k]\n  lisen: x\n", 4, "unknown key 'unsubscribe.lisen'"),
    ])
    func aBadSectionNamesTheFileAndLine(yaml: String, line: Int, message: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try OptOutMilterConfiguration.parse(yaml: yaml, file: "u.yaml")
        }
        #expect(error?.description.hasPrefix("u.yaml:\(line):") == true, "\(String(describing: error))")
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test func aRemoteListenerNeedsAllowRemote() throws {
        let yaml =
            "unsubscribe:\n  url: https://u.example/u/\n  keys: [/k]\n  listen: 0.0.0.0:9188\n  allow_remote: true\n"
        #expect(try OptOutMilterConfiguration.parse(yaml: yaml, file: "t").unsubscribe?.allowRemote == true)
    }

    @Test func aMissingKeyFileIsNamedWhenThePolicyLoads() throws {
        let configuration = try OptOutMilterConfiguration.parse(
            yaml: "unsubscribe:\n  url: https://u.example/u/\n  keys: [/nonexistent/optout.key]\n",
            file: "t"
        )
        let error = #expect(throws: UnsubscribeKeyError.self) { try configuration.unsubscribe?.links() }
        #expect(error?.description.hasPrefix("/nonexistent/optout.key: cannot read the key file") == true)
    }
}
