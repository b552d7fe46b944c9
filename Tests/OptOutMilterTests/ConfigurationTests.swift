import Logging
import Milter
import Testing

@testable import OptOutMilter

@Suite struct ConfigurationTests {
    @Test func anEmptyFileMeansEveryDefault() throws {
        let configuration = try OptOutMilterConfiguration.parse(yaml: "", file: "empty.yaml")
        #expect(configuration == OptOutMilterConfiguration())
        #expect(configuration.socket == .unix(path: "/run/optout-milter/optout-milter.sock"))
        #expect(configuration.onInternalError == .tempfail)
        #expect(configuration.socketMode == 0o660)
    }

    @Test func readsEveryKey() throws {
        let yaml = """
            socket: inet:8891@127.0.0.1
            socket_owner: optout
            socket_group: postfix
            socket_mode: "0600"
            listen_backlog: 128
            on_internal_error: accept
            drain_timeout: 2.5
            log_level: debug
            """
        let configuration = try OptOutMilterConfiguration.parse(yaml: yaml, file: "full.yaml")
        #expect(configuration.socket == .inet(port: 8891, host: "127.0.0.1"))
        #expect(configuration.socketOwner == "optout")
        #expect(configuration.socketGroup == "postfix")
        #expect(configuration.socketMode == 0o600)
        #expect(configuration.listenBacklog == 128)
        #expect(configuration.onInternalError == .accept)
        #expect(configuration.drainTimeoutSeconds == 2.5)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.server.errorVerdict == .accept)
        #expect(configuration.server.drainTimeout == .milliseconds(2500))
    }

    @Test(arguments: [
        ("log_level: info\nsockett: unix:/x\n", 2, "unknown key 'sockett'"),
        ("socket: unix:/x\nlog_level: loud\n", 2, "log_level: 'loud' is not one of"),
        ("socket_mode: 999\n", 1, "socket_mode: expected an octal mode"),
        ("drain_timeout: -1\n", 1, "drain_timeout: expected a number of seconds"),
        ("\n\nsocket: tcp:25\n", 3, "socket: invalid socket 'tcp:25'"),
        ("socket: unix:/x\non_internal_error: [a, b]\n", 2, "on_internal_error: expected a non-empty string"),
        ("socket: unix:/x\n  bad: indentation\n", 2, "invalid YAML"),
        ("- a list\n", 1, "expected a mapping"),
    ])
    func aBadFileNamesTheFileAndLine(yaml: String, line: Int, message: String) {
        #expect {
            _ = try OptOutMilterConfiguration.parse(yaml: yaml, file: "/etc/x.yaml")
        } throws: { error in
            guard let error = error as? ConfigurationError else {
                return false
            }
            return error.file == "/etc/x.yaml" && error.line == line && error.message.contains(message)
                && error.description.hasPrefix("/etc/x.yaml:\(line): ")
        }
    }

    @Test func aMissingFileIsNamed() {
        #expect {
            _ = try OptOutMilterConfiguration.load(path: "/nonexistent/optout.yaml")
        } throws: { error in
            (error as? ConfigurationError)?.file == "/nonexistent/optout.yaml"
        }
    }

    @Test func theExampleConfigurationLoads() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let configuration = try OptOutMilterConfiguration.load(path: "/\(path)/contrib/optout-milter.yaml")
        #expect(configuration.onInternalError == .tempfail)
        #expect(configuration.socketGroup == nil, "the example must run as any user")
    }
}
