import CoreMetrics
import OptOutMilter
import Prometheus

/// The Prometheus side of the daemon's metrics: one registry, bootstrapped into swift-metrics once
/// per process, and its text exposition with a HELP line for each of optout-milter's metrics.
public struct PrometheusExporter: Sendable {
    public let registry: PrometheusCollectorRegistry

    /// A factory over `registry`, with buckets that fit what is measured: classifier scores around
    /// the threshold, and processing times well under a millisecond.
    public static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["optout_classifier_score"] = [-5, 0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50]
        factory.durationHistogramBuckets["optout_message_processing_seconds"] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100),
            .milliseconds(500), .seconds(1),
        ]
        return factory
    }

    /// An exporter over a registry of its own, not bootstrapped (tests, `promtool` checks).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Bootstraps swift-metrics with a new registry. Call it once, before the ``SnapshotHolder``
    /// (whose ``PolicyMetrics`` takes the bootstrapped factory); swift-metrics traps on a second call.
    public static func bootstrap() -> PrometheusExporter {
        let exporter = PrometheusExporter()
        MetricsSystem.bootstrap(Self.factory(registry: exporter.registry))
        return exporter
    }

    /// The text exposition (format 0.0.4). swift-metrics has no way to give a metric its help
    /// text, so the HELP lines are added here from ``PolicyMetrics/help``, before each TYPE line.
    public func exposition() -> String {
        let help = Dictionary(PolicyMetrics.help.map { ($0.name, $0.help) }, uniquingKeysWith: { first, _ in first })
        var out = ""
        for line in self.registry.emitToString().split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), let name = line.dropFirst(7).split(separator: " ").first,
                let text = help[String(name)]
            {
                out += "# HELP \(name) \(text)\n"
            }
            out += line
            out += "\n"
        }
        while out.hasSuffix("\n\n") {
            out.removeLast()
        }
        return out
    }
}
