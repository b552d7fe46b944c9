import AuditReport
import Foundation
import Testing

/// The HTML report opened in headless Chromium (Debian `chromium`): the DOM it built holds the
/// chart's bars and the tables, and a screenshot is taken.
@Suite struct ChromiumRenderTests {
    static let chromium = "/usr/bin/chromium"

    /// Runs headless Chromium with `arguments` and returns its standard output.
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium)
        // --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.timeLimit(.minutes(1))) func theChartAndTablesRender() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.chromium),
            "chromium not found: install Debian's chromium (scripts/install-deps.sh)"
        )
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try Data(try AuditReportTests.summary().html.utf8).write(to: page)

        let dom = try Self.run(["--dump-dom", page.absoluteString])
        #expect(dom.components(separatedBy: "<rect class=\"bar ").count - 1 == 6)
        for table in ["summary", "by-action", "mislabelled", "rules", "days"] {
            #expect(dom.contains("<table id=\"\(table)\">"), "table \(table) missing from the rendered DOM")
        }
        #expect(dom.contains("receipts@bank.example"))

        let screenshot = directory.appendingPathComponent("report.png")
        _ = try Self.run(["--screenshot=\(screenshot.path)", "--window-size=1000,1400", page.absoluteString])
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 10_000)
    }
}
