import Foundation
import Testing

/// `optout-milter unsubscribe keygen | token | verify`, run as an admin would.
@Suite struct UnsubscribeCommandTests {
    let command: BuiltCommand
    let config: String

    init() throws {
        self.command = try BuiltCommand()
        let key = self.command.path("unsubscribe.key")
        self.config = try self.command.write(
            "optout-milter.yaml",
            """
            unsubscribe:
              url: https://unsubscribe.example.com/u/
              mailto: unsubscribe@example.com
              keys: [\(key)]
            """
        )
    }

    @Test func keygenThenTokenThenVerifyRoundTrips() throws {
        let keygen = try self.command.run(["unsubscribe", "keygen", self.command.path("unsubscribe.key")])
        #expect(keygen.status == 0, "\(keygen.standardError)")
        let again = try self.command.run(["unsubscribe", "keygen", self.command.path("unsubscribe.key")])
        #expect(again.status == 2)
        #expect(again.standardError.hasPrefix("optout-milter unsubscribe keygen: "))
        #expect(again.standardError.contains("File exists"))

        let token = try self.command.run(["unsubscribe", "token", "--config", self.config, "Jane.Doe@Example.COM"])
        #expect(token.status == 0, "\(token.standardError)")
        let lines = Dictionary(
            token.standardOutput.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), String(line[line.index(colon, offsetBy: 2)...]))
            },
            uniquingKeysWith: { first, _ in first }
        )
        #expect(lines["address"] == "jane.doe@example.com")
        let url = try #require(lines["url"])
        #expect(url.hasPrefix("https://unsubscribe.example.com/u/"))
        #expect(lines["mailto"]?.hasPrefix("mailto:unsubscribe+") == true)
        #expect(lines["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")

        for link in [url, try #require(lines["mailto"])] {
            let verify = try self.command.run(["unsubscribe", "verify", "--config", self.config, link])
            #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
            #expect(verify.standardOutput.contains("address: jane.doe@example.com"))
            #expect(verify.standardOutput.contains("scope: marketing"))
        }
        var tampered = Array(url)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == "A" ? "B" : "A"
        let refused = try self.command.run(["unsubscribe", "verify", "--config", self.config, String(tampered)])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.hasPrefix("invalid: "))
        #expect(!refused.standardOutput.contains("jane"))
    }

    @Test func aConfigurationWithoutTheSectionOrAKeyIsARuntimeFailure() throws {
        let bare = try self.command.write("bare.yaml", "mode: enforce\n")
        let outcome = try self.command.run(["unsubscribe", "token", "--config", bare, "a@example.com"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("has no unsubscribe section"))
        let noKey = try self.command.run(["unsubscribe", "token", "--config", self.config, "a@example.com"])
        #expect(noKey.status == 2)
        #expect(noKey.standardError.contains("unsubscribe.key: cannot read the key file"))
    }
}
