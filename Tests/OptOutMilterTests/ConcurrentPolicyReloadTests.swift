import Foundation
import Milter
import Synchronization
import Testing

@testable import OptOutMilter

/// Reloads (as SIGUSR1 and the watcher cause them) while sessions on other threads judge messages:
/// every message is judged on a whole snapshot, none fails. Run under the thread sanitizer by
/// `make test-tsan`.
@Suite struct ConcurrentPolicyReloadTests {
    @Test func reloadsDuringTrafficFailNoMessage() throws {
        let fixture = try PolicyFixture()
        try fixture.suppress("jane@example.com")
        let holder = try fixture.holder()
        let threads = 4
        let messages = 40
        let failures = Mutex<[String]>([])
        let done = DispatchGroup()
        for thread in 0..<threads {
            done.enter()
            Thread {
                defer { done.leave() }
                var session = OptOutSession(holder: holder, logger: PolicyFixture.quiet)
                do {
                    _ = try session.connect(
                        client: MilterClient(hostname: "c", address: "127.0.0.1", port: thread),
                        macros: MilterMacros()
                    )
                    for index in 0..<messages {
                        let result = try session.deliver(
                            Messages.newsletter,
                            to: ["<jane@example.com>", "<joe@example.com>"],
                            macros: ["i": "T\(thread)M\(index)"]
                        )
                        if !result.edits.contains(.deleteRecipient("<jane@example.com>")) {
                            failures.withLock { $0.append("T\(thread)M\(index): \(result)") }
                        }
                    }
                } catch {
                    failures.withLock { $0.append("T\(thread): \(error)") }
                }
            }.start()
        }
        var reloads = 0
        while done.wait(timeout: .now()) == .timedOut {
            #expect(holder.reload(reason: "test"))
            reloads += 1
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(reloads > 0)
        #expect(try fixture.auditRecords().count == threads * messages)
        #expect(holder.current.generation == 1 + reloads)
    }
}
