import Testing

@testable import Milter

@Suite struct MilterSocketTests {
    @Test(arguments: [
        ("unix:/run/x.sock", MilterSocket.unix(path: "/run/x.sock"), "unix:/run/x.sock"),
        ("local:/run/x.sock", .unix(path: "/run/x.sock"), "unix:/run/x.sock"),
        ("inet:8891@127.0.0.1", .inet(port: 8891, host: "127.0.0.1"), "inet:8891@127.0.0.1"),
        ("inet:8891", .inet(port: 8891, host: nil), "inet:8891"),
        ("inet6:8891@::1", .inet6(port: 8891, host: "::1"), "inet6:8891@::1"),
    ])
    func parses(text: String, socket: MilterSocket, canonical: String) throws {
        let parsed = try MilterSocket(parsing: text)
        #expect(parsed == socket)
        #expect(parsed.description == canonical)
    }

    @Test(arguments: ["", "/run/x.sock", "unix:relative", "inet:0@h", "inet:70000", "inet:x@h", "inet:25@", "tcp:25"])
    func rejects(text: String) {
        #expect(throws: MilterSocket.ParseError.self) { try MilterSocket(parsing: text) }
    }

    @Test func onlyInetIsTCP() throws {
        #expect(!(try MilterSocket(parsing: "unix:/a")).isTCP)
        #expect(try MilterSocket(parsing: "inet:25").isTCP)
        #expect(try MilterSocket(parsing: "inet6:25").isTCP)
    }
}
