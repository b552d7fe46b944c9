// swift-tools-version: 6.1
// Benchmarks live in their own package so the main build never resolves the benchmark tooling.
// Run: cd Benchmarks && swift package --disable-sandbox benchmark   (or `make bench` at the top)
import PackageDescription

let benchmark: Target.Dependency = .product(name: "Benchmark", package: "benchmark")

let package = Package(
    name: "optout-milter-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "optout-milter", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ScannerBenchmarks",
            dependencies: [benchmark, .product(name: "MailScanner", package: "optout-milter")],
            path: "Benchmarks/ScannerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ClassifierBenchmarks",
            dependencies: [
                benchmark,
                .product(name: "MailScanner", package: "optout-milter"),
                .product(name: "MarketingClassifier", package: "optout-milter"),
            ],
            path: "Benchmarks/ClassifierBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SuppressionBenchmarks",
            dependencies: [benchmark, .product(name: "Suppression", package: "optout-milter")],
            path: "Benchmarks/SuppressionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
