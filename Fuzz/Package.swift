// swift-tools-version: 6.1
// libFuzzer targets for the parsers that read files and lists: the configuration loader, the rule
// file loader and the address normaliser. A package of its own (like Benchmarks/) so that the main
// build never sees the fuzzer flags; Fuzz/run.sh builds it with ASan and libFuzzer's coverage and
// links libFuzzer's driver (libclang_rt.fuzzer_no_main from the Swift toolchain):
//   swift build --package-path Fuzz --scratch-path .build/fuzz-pkg -Xswiftc -sanitize=address ...
// The scanner's target (Fuzz/FuzzEntry.swift) is built by Fuzz/run.sh with swiftc directly.
import PackageDescription

let package = Package(
    name: "optout-milter-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "optout-milter", path: "..")
    ],
    targets: [
        // `LLVMFuzzerRunDriver`, libFuzzer's entry for programs with a main of their own.
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "fuzz-config",
            dependencies: ["FuzzDriver", .product(name: "OptOutMilter", package: "optout-milter")]
        ),
        .executableTarget(
            name: "fuzz-rules",
            dependencies: [
                "FuzzDriver",
                .product(name: "MarketingClassifier", package: "optout-milter"),
                .product(name: "MailScanner", package: "optout-milter"),
            ]
        ),
        .executableTarget(
            name: "fuzz-address",
            dependencies: ["FuzzDriver", .product(name: "Suppression", package: "optout-milter")]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
}
