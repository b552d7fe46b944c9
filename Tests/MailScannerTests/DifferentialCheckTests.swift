import Foundation
import Testing

@testable import MailScanner

/// The fixtures against the reference implementation, Python's `email` (policy=default), through
/// scripts/differential-check.py: same subject and same decoded text per text part, apart from the
/// deliberate differences listed (with their reasons) in Fixtures/differential-known-differences.txt.
@Suite struct DifferentialCheckTests {
    @Test func fixturesAgreeWithPythonEmail() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = repository.appendingPathComponent("scripts/differential-check.py")
        let fixtures = repository.appendingPathComponent("Tests/MailScannerTests/Fixtures")
        let encoder = JSONEncoder()
        var lines = Data()
        for name in FixtureLoader.names {
            var scanner = MessageScanner()
            scanner.keepsDecodedSource = true
            scanner.consumeRaw(FixtureLoader.bytes(name))
            lines.append(try encoder.encode(scanner.finish()))
            lines.append(0x0A)
        }
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("scanner-\(getpid()).jsonl")
        try lines.write(to: results)
        defer { try? FileManager.default.removeItem(at: results) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, "--results", results.path, "--label", "fixtures",
            "--known", fixtures.appendingPathComponent("differential-known-differences.txt").path, fixtures.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.contains("0 unexplained"), "\(report)")
    }
}
