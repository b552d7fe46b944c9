import Foundation
import HTTPServer
import Logging
import OptOutMilter
import Prometheus

/// What the `run` command assembles, without libmilter: a holder over a real SQLite store in a
/// temporary directory, metrics in a registry of its own, and the readiness flag.
final class TestDaemon: Sendable {
    let directory: URL
    let holder: SnapshotHolder
    let exporter = PrometheusExporter()
    let readiness = MilterReadiness()

    init(extraConfiguration: String = "") throws {
        self.directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("optout-metrics-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        let path = self.directory.appendingPathComponent("optout-milter.yaml").path
        let yaml = """
            suppression:
              store: sqlite:\(self.directory.path)/suppressions.db
            audit:
              path: ""
            \(extraConfiguration)
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        let configuration = try OptOutMilterConfiguration.load(path: path)
        let logger = Logger(label: "test", factory: SwiftLogNoOpLogHandler.init)
        let builder = PolicySnapshotBuilder(configuration: configuration, configurationPath: path, logger: logger)
        let metrics = PolicyMetrics(factory: PrometheusExporter.factory(registry: self.exporter.registry))
        self.holder = try SnapshotHolder(builder: builder, logger: logger, metrics: metrics)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    func start(
        address: MetricsListenAddress = MetricsListenAddress(host: "127.0.0.1", port: 0),
        allowRemote: Bool = false
    ) async throws -> HTTPListener {
        try await MetricsHTTPServer.start(
            address: address,
            allowRemote: allowRemote,
            exporter: self.exporter,
            holder: self.holder,
            readiness: self.readiness,
            logger: Logger(label: "test", factory: SwiftLogNoOpLogHandler.init)
        )
    }
}
