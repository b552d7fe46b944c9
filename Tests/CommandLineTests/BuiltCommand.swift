import Foundation
import Testing

/// Runs the built `optout-milter` executable as a user would and captures what it printed,
/// in a scratch directory removed when the value goes away.
final class BuiltCommand {
    /// What one run left behind.
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String

        /// ArgumentParser's usage block, which must appear for wrong arguments only.
        var printedUsage: Bool {
            self.standardError.contains("Usage:") || self.standardOutput.contains("Usage:")
        }
    }

    let executable: URL
    let scratch: URL

    /// Finds the executable next to the test bundle (SwiftPM builds every product for `swift test`);
    /// `OPTOUT_MILTER_BINARY` overrides. A missing binary fails the test instead of skipping it.
    init() throws {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [URL] = []
        if let override = environment["OPTOUT_MILTER_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let testBundles = [Bundle.main.bundleURL] + Bundle.allBundles.map(\.bundleURL)
        for bundle in testBundles + [URL(fileURLWithPath: CommandLine.arguments[0])] {
            var directory = bundle.deletingLastPathComponent()
            // On macOS the runner sits inside PackageTests.xctest/Contents/MacOS: climb out of it.
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("optout-milter"))
                directory = directory.deletingLastPathComponent()
            }
        }
        self.executable = try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "optout-milter is not built next to the tests; looked at \(candidates.map(\.path))"
        )
        self.scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("commandline-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: self.scratch, withIntermediateDirectories: true)
    }

    /// A path inside this run's scratch directory.
    func path(_ name: String) -> String {
        self.scratch.appendingPathComponent(name).path
    }

    /// Writes a file into the scratch directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: self.scratch.appendingPathComponent(name))
        return self.path(name)
    }

    /// Runs the executable to completion. Output goes to files rather than pipes, so a chatty
    /// command cannot fill a pipe and block while the test waits for it to exit.
    func run(_ arguments: [String]) throws -> Outcome {
        let outputFile = self.path("stdout-\(UUID().uuidString)")
        let errorFile = self.path("stderr-\(UUID().uuidString)")
        try #require(FileManager.default.createFile(atPath: outputFile, contents: nil))
        try #require(FileManager.default.createFile(atPath: errorFile, contents: nil))
        let process = Process()
        process.executableURL = self.executable
        process.arguments = arguments
        // No test may reach for the system-wide default store.
        process.environment = ["OPTOUT_MILTER_SUPPRESSION_STORE": "sqlite:\(self.path("default.db"))"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: try String(contentsOfFile: outputFile, encoding: .utf8),
            standardError: try String(contentsOfFile: errorFile, encoding: .utf8)
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: self.scratch)
    }
}
