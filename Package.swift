// swift-tools-version: 6.1
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "optout-milter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "optout-milter", targets: ["optout-milter"]),
        .library(name: "Milter", targets: ["Milter"]),
        .library(name: "MailScanner", targets: ["MailScanner"]),
        .library(name: "MarketingClassifier", targets: ["MarketingClassifier"]),
        .library(name: "Suppression", targets: ["Suppression"]),
        .library(name: "Policy", targets: ["Policy"]),
        .library(name: "OptOutMilter", targets: ["OptOutMilter"]),
        .library(name: "MailCorpus", targets: ["MailCorpus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // C libraries from Debian, reached through pkg-config.
        .systemLibrary(name: "CMilter", pkgConfig: "milter", providers: [.apt(["libmilter-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CIDN2", pkgConfig: "libidn2", providers: [.apt(["libidn2-dev"])]),
        // XXH3 (inlined from libxxhash-dev) and a prefetch hint for the suppression lookup.
        .systemLibrary(name: "CLookupSupport", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),

        // A reusable Swift binding over libmilter: sessions return verdicts and edits as values.
        .target(name: "Milter", dependencies: ["CMilter", logging]),
        // Pure: RFC 5322 / MIME / HTML stream -> ScannedMessage. No libmilter, no network.
        .target(name: "MailScanner"),
        // Pure: rules + scores over a ScannedMessage, with an explanation.
        .target(name: "MarketingClassifier", dependencies: ["MailScanner", "CPCRE2", yams]),
        // Address normalisation, the in-memory snapshot index, stores and imports.
        .target(name: "Suppression", dependencies: ["CIDN2", "CLookupSupport", grdb, crypto, logging]),
        // Pure: outbound scope, the per-recipient decision table, actions, header value, audit record.
        .target(name: "Policy", dependencies: ["MarketingClassifier", "Suppression"]),
        // Offline work on stored mail: message files (mbox, Maildir, .eml), labelled corpora, eval, reports.
        .target(name: "MailCorpus", dependencies: ["MailScanner", "MarketingClassifier"]),
        // The daemon: configuration, snapshots, the milter session, audit, lifecycle.
        .target(
            name: "OptOutMilter",
            dependencies: [
                "Milter", "MailScanner", "MarketingClassifier", "Suppression", "Policy", logging, yams, crypto,
            ]
        ),
        .executableTarget(
            name: "optout-milter",
            dependencies: ["OptOutMilter", "MailCorpus", "Suppression", argumentParser, logging]
        ),

        .testTarget(name: "MilterTests", dependencies: ["Milter"]),
        .testTarget(
            name: "MailScannerTests",
            dependencies: ["MailScanner"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MarketingClassifierTests",
            dependencies: ["MarketingClassifier", "MailScanner"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SuppressionTests", dependencies: ["Suppression"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "MarketingClassifier", "Suppression"]),
        .testTarget(name: "MailCorpusTests", dependencies: ["MailCorpus", "MailScanner", "MarketingClassifier"]),
        // Runs the built executable: exit statuses and what each failure prints.
        .testTarget(name: "CommandLineTests"),
        .testTarget(
            name: "OptOutMilterTests",
            dependencies: ["OptOutMilter", "Milter", "Policy", "Suppression", "MarketingClassifier", logging]
        ),
    ]
)

for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
