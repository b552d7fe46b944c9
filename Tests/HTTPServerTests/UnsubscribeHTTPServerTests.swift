import Foundation
import HTTPServer
import Logging
import OptOutMilter
import Policy
import Suppression
import Testing
import Unsubscribe

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The endpoint over a real SQLite store, through real HTTP on loopback.
@Suite struct UnsubscribeHTTPServerTests {
    let daemon: TestDaemon
    let links: UnsubscribeLinks
    let store: any SuppressionStore

    init() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("optout-unsub-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keyPath = directory.appendingPathComponent("unsubscribe.key").path
        try UnsubscribeKey.generate().write(path: keyPath)
        self.daemon = try TestDaemon(
            extraConfiguration: """
                unsubscribe:
                  url: https://u.example.com/u/
                  keys: [\(keyPath)]
                  scope: newsletter
                """
        )
        self.links = try #require(self.daemon.holder.current.policy.unsubscribe?.links)
        self.store = try SuppressionStoreURL(self.daemon.holder.current.configuration.suppressionStore).open()
    }

    func start() async throws -> HTTPListener {
        try await UnsubscribeHTTPServer.start(
            address: MetricsListenAddress(host: "127.0.0.1", port: 0),
            allowRemote: false,
            service: UnsubscribeService(holder: self.daemon.holder, logger: Logger(label: "test")),
            logger: Logger(label: "test", factory: SwiftLogNoOpLogHandler.init)
        )
    }

    @Test func oneClickPostWritesTheOptOutOnceAndAnswers200Twice() async throws {
        let server = try await self.start()
        defer { server.stop() }
        let token = self.links.token(for: "jane@example.org")
        let before = try self.store.changeToken()

        let first = try await Self.request(server, "POST", "/u/\(token)", body: "List-Unsubscribe=One-Click")
        #expect(first.status == 200)
        let entries = try self.entries("jane@example.org")
        #expect(entries.count == 1)
        #expect(entries.first?.source == "one-click")
        #expect(entries.first?.scope == (try SuppressionScope(parsing: "newsletter")))
        let after = try self.store.changeToken()
        #expect(after > before)

        let second = try await Self.request(server, "POST", "/u/\(token)", body: "List-Unsubscribe=One-Click")
        #expect(second.status == 200)
        #expect(try self.store.changeToken() == after, "a repeated POST must change nothing")
        #expect(try self.entries("jane@example.org").count == 1)

        // Multipart, as RFC 8058 also allows.
        let multipart = "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b--\r\n"
        let other = self.links.token(for: "joe@example.org")
        #expect(
            try await Self.request(
                server,
                "POST",
                "/u/\(other)",
                body: multipart,
                contentType: "multipart/form-data; boundary=b"
            ).status == 200
        )
        #expect(try self.entries("joe@example.org").count == 1)
    }

    /// A mailbox provider may retry at once: simultaneous POSTs of one link write one entry and
    /// bump the store's change token once.
    @Test func simultaneousPostsOfOneLinkWriteOnce() async throws {
        let server = try await self.start()
        defer { server.stop() }
        let token = self.links.token(for: "twice@example.org")
        let before = try self.store.changeToken()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await Self.request(server, "POST", "/u/\(token)", body: "List-Unsubscribe=One-Click").status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 16))
        #expect(try self.entries("twice@example.org").count == 1)
        #expect(try self.store.changeToken() == before + 1)
    }

    @Test func getShowsAConfirmationPageAndWritesNothing() async throws {
        let server = try await self.start()
        defer { server.stop() }
        let before = try self.store.changeToken()
        let token = self.links.token(for: "jane@example.org")
        let page = try await Self.request(server, "GET", "/u/\(token)")
        #expect(page.status == 200)
        #expect(page.body.contains("<form method=\"post\">"))
        #expect(page.body.contains("name=\"List-Unsubscribe\" value=\"One-Click\""))
        #expect(!page.body.contains("jane"), "the page must not show the address")
        #expect(page.headers["Cache-Control"] == "no-store")
        #expect(try self.store.changeToken() == before)
        #expect(try self.entries("jane@example.org").isEmpty)
    }

    @Test func aPostWithoutTheOneClickBodyOrTooLargeIsRefused() async throws {
        let server = try await self.start()
        defer { server.stop() }
        let before = try self.store.changeToken()
        let token = self.links.token(for: "jane@example.org")
        #expect(try await Self.request(server, "POST", "/u/\(token)", body: "").status == 400)
        #expect(try await Self.request(server, "POST", "/u/\(token)", body: "List-Unsubscribe=Yes").status == 400)
        let large = "List-Unsubscribe=One-Click&" + String(repeating: "x", count: 10_000)
        #expect(try await Self.request(server, "POST", "/u/\(token)", body: large).status == 413)
        #expect(try self.store.changeToken() == before)
    }

    /// 1,000 random and mutated tokens: every one 400, the same body whatever the reason, no
    /// redirect, and the store unchanged.
    @Test func randomAndMutatedTokensAllGet400AndWriteNothing() async throws {
        let server = try await self.start()
        defer { server.stop() }
        let before = try self.store.changeToken()
        var generator = SystemRandomNumberGenerator()
        let genuine = Array(self.links.token(for: "victim@example.org").utf8)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let expired = UnsubscribeLinks(
            baseURL: self.links.baseURL,
            mailto: nil,
            keys: self.links.keys,
            scope: "newsletter",
            lifetime: self.links.lifetime
        ).token(for: "old@example.org", at: Date(timeIntervalSinceNow: -500 * 86_400))
        var bodies = Set<String>()
        for round in 0..<1000 {
            var token: [UInt8]
            switch round % 4 {
            case 0:  // random alphabet, random length
                token = (0..<Int.random(in: 1...200, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                }
            case 1:  // one character of a genuine token changed
                token = genuine
                let index = Int.random(in: 0..<token.count, using: &generator)
                token[index] = alphabet.filter { $0 != token[index] }.randomElement(using: &generator)!
            case 2:  // a genuine token cut short or extended
                token =
                    Bool.random(using: &generator)
                    ? Array(genuine.prefix(Int.random(in: 1..<genuine.count, using: &generator)))
                    : genuine + [alphabet.randomElement(using: &generator)!]
            default:  // a genuine but expired token, or a sealed token from another key
                token =
                    round % 8 == 3
                    ? Array(expired.utf8)
                    : Array(
                        UnsubscribeToken(address: "x@example.org", scope: "*", issuedAt: Date())
                            .sealed(with: UnsubscribeKey.generate()).utf8
                    )
            }
            let text = String(decoding: token, as: UTF8.self)
            let answer = try await Self.request(server, "POST", "/u/\(text)", body: "List-Unsubscribe=One-Click")
            #expect(answer.status == 400, "token \(text)")
            #expect(answer.headers["Location"] == nil)
            bodies.insert(answer.body)
        }
        #expect(bodies.count == 1, "the answer must not say why a token was refused")
        #expect(try self.store.changeToken() == before)
        #expect(try self.store.statistics().active == 0)
    }

    @Test func unknownPathsAndMethodsAreNotFound() async throws {
        let server = try await self.start()
        defer { server.stop() }
        #expect(try await Self.request(server, "GET", "/").status == 404)
        #expect(try await Self.request(server, "GET", "/metrics").status == 404)
        #expect([404, 405].contains(try await Self.request(server, "DELETE", "/u/abc").status))
    }

    func entries(_ address: String) throws -> [SuppressionEntry] {
        let key = try SuppressionKey.parse(address, normalizer: .standard)
        return try self.store.entries(fingerprints: [key.fingerprint])
    }

    static func request(
        _ server: HTTPListener,
        _ method: String,
        _ path: String,
        body: String? = nil,
        contentType: String = "application/x-www-form-urlencoded"
    ) async throws -> (status: Int, body: String, headers: [String: String]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            headers["\(name)"] = "\(value)"
        }
        return (http?.statusCode ?? -1, String(decoding: data, as: UTF8.self), headers)
    }
}
