import Benchmark
import Foundation
import MailScanner
import MarketingClassifier

// Classifier cost and the regex-engine comparison that chose PCRE2 (docs/RULES.md).
// Run: cd Benchmarks && swift package --disable-sandbox benchmark --target ClassifierBenchmarks
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        warmupIterations: 20,
        maxDuration: .seconds(3),
        maxIterations: 20_000
    )

    let raw = SyntheticMail.htmlCampaign(targetBytes: 50 * 1024)
    let service = SyntheticMail.plainReceipt()
    let classifier = MarketingClassifier(rules: .builtin())
    let scanned = MessageScanner.scan(raw)

    Benchmark("Scan + classify 50 KB HTML campaign") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(classifier.classify(MessageScanner.scan(raw)))
        }
    }

    // The scanner's share, to read the line above against (the scanner has its own suite).
    Benchmark("Scan only, 50 KB HTML campaign") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(MessageScanner.scan(raw))
        }
    }

    Benchmark("Classify only, 50 KB HTML campaign (pre-scanned)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(classifier.classify(scanned))
        }
    }

    // What the daemon runs by default: the built-in pack weighed by the shipped model, with blocks.
    let standard = MarketingClassifier.standard()
    Benchmark("Scan + classify 50 KB HTML campaign, shipped model") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(standard.classify(MessageScanner.scan(raw)))
        }
    }

    // Start-up and reload cost: compile the pack and decode a model file (the shipped one, as JSON).
    let modelJSON = try? MarketingClassifier.standard().model?.encoded()
    Benchmark("Load: built-in pack + model JSON", configuration: .init(maxIterations: 50)) { benchmark in
        for _ in benchmark.scaledIterations {
            let model = modelJSON.flatMap { try? ScoringModel.decode($0, name: "model.json") }
            blackHole(model.map { MarketingClassifier(rules: .builtin(), model: $0) })
        }
    }

    Benchmark("Scan + classify 2 KB plain receipt") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(classifier.classify(MessageScanner.scan(service)))
        }
    }

    // The engine comparison: the built-in pack's text patterns, case-insensitive, each searched
    // once (first match) over the visible text of the 50 KB campaign.
    let text = scanned.textParts.map(\.text).joined(separator: "\n")
    let sources = EngineComparison.textPatternSources()

    let pcre = sources.compactMap { try? Pattern($0) }
    Benchmark("Engine: PCRE2 JIT, \(pcre.count) text patterns over 50 KB text") { benchmark in
        let scratch = MatchScratch()
        for _ in benchmark.scaledIterations {
            var found = 0
            for pattern in pcre where pattern.firstMatch(in: text, scratch: scratch) != nil { found += 1 }
            blackHole(found)
        }
    }

    let foundation = sources.compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
    let nsText = text as NSString
    Benchmark("Engine: NSRegularExpression, \(foundation.count) text patterns over 50 KB text") { benchmark in
        for _ in benchmark.scaledIterations {
            var found = 0
            for pattern in foundation
            where pattern.firstMatch(in: text, range: NSRange(location: 0, length: nsText.length)) != nil {
                found += 1
            }
            blackHole(found)
        }
    }

    let swiftRegexes = EngineComparison.swiftRegexes(sources)
    Benchmark(
        "Engine: Swift Regex, \(swiftRegexes.count) text patterns over 50 KB text",
        configuration: .init(maxDuration: .seconds(5), maxIterations: 200)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var found = 0
            for regex in swiftRegexes where (try? regex.firstMatch(in: text)) != nil { found += 1 }
            blackHole(found)
        }
    }
}
