import Benchmark
import Foundation
import MailScanner

// Scanner throughput and allocations (docs/SCANNER.md).
// Run: cd Benchmarks && swift package --disable-sandbox benchmark --target ScannerBenchmarks
// Throughput in MB/s = bytes per iteration (printed in each benchmark's name) / wall-clock time.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        warmupIterations: 10,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )

    let campaign = SyntheticMessages.htmlCampaign(targetBytes: 50 * 1024)
    Benchmark("Scan 50 KB HTML marketing message (\(campaign.count) bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(MessageScanner.scan(campaign))
        }
    }

    // The milter path: headers one by one, body in 64 KiB chunks.
    Benchmark("Scan 50 KB HTML marketing message, milter path (64 KiB chunks)") { benchmark in
        let split = SyntheticMessages.splitHeaders(campaign)
        for _ in benchmark.scaledIterations {
            var scanner = MessageScanner()
            for (name, value) in split.headers { scanner.header(name: name, value: value) }
            scanner.endOfHeaders()
            var start = 0
            while start < split.body.count {
                scanner.body(split.body[start..<min(split.body.count, start + 65536)])
                start += 65536
            }
            blackHole(scanner.finish())
        }
    }

    let attachments = SyntheticMessages.withBase64Attachments(targetBytes: 2 * 1024 * 1024)
    Benchmark(
        "Scan 2 MB message with base64 attachments (\(attachments.count) bytes)",
        configuration: .init(maxDuration: .seconds(5), maxIterations: 2_000)
    ) { benchmark in
        let limits = ScanLimits(maxScannedBytes: 4 * 1024 * 1024)
        for _ in benchmark.scaledIterations {
            blackHole(MessageScanner.scan(attachments, limits: limits))
        }
    }

    // The labelled corpus, when it is next to the repository (never copied into it).
    let corpus = SyntheticMessages.sharedCorpus()
    if !corpus.isEmpty {
        let total = corpus.reduce(0) { $0 + $1.count }
        Benchmark(
            "Scan the whole ../shared/corpus (\(corpus.count) messages, \(total) bytes)",
            configuration: .init(maxDuration: .seconds(5), maxIterations: 1_000)
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                for message in corpus { blackHole(MessageScanner.scan(message)) }
            }
        }
    }
}
