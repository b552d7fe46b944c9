import MarketingClassifier
import Prometheus

/// A Prometheus text exposition, read back by series for assertions.
struct Exposition {
    let text: String

    init(_ registry: PrometheusCollectorRegistry) {
        self.text = registry.emitToString()
    }

    /// The value of one series, given exactly as exposed (`name{label="v",...}`); nil if absent.
    func value(_ series: String) -> Double? {
        for line in self.text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    /// Every series of the metric `name`, as its label text and value.
    func series(named name: String) -> [(labels: String, value: Double)] {
        self.text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(name + "{"), let space = line.lastIndex(of: " ") else { return nil }
            return (
                String(line[line.index(line.startIndex, offsetBy: name.count)..<space]),
                Double(line[space...].dropFirst()) ?? -1
            )
        }
    }
}

/// Verdicts for tests that feed ``OptOutMilter/PolicyMetrics`` directly.
enum MarketingClassifierVerdict {
    static let marketing = Verdict(
        score: 9,
        threshold: 5,
        hits: [Verdict.Hit(ruleID: "promo-subject", description: "test", score: 9, count: 1, group: nil, evidence: "")]
    )
}
