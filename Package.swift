// swift-tools-version: 6.1
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let grdb: Target.Dependency = .product(name: "GRDB", package: "GRDB.swift")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let coreMetrics: Target.Dependency = .product(name: "CoreMetrics", package: "swift-metrics")
let prometheus: Target.Dependency = .product(name: "Prometheus", package: "swift-prometheus")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")
let httpTypes: Target.Dependency = .product(name: "HTTPTypes", package: "swift-http-types")
let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")

let package = Package(
    name: "optout-milter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "optout-milter", targets: ["optout-milter"]),
        .library(name: "Milter", targets: ["Milter"]),
        .library(name: "MailScanner", targets: ["MailScanner"]),
        .library(name: "MarketingClassifier", targets: ["MarketingClassifier"]),
        .library(name: "Suppression", targets: ["Suppression"]),
        .library(name: "Unsubscribe", targets: ["Unsubscribe"]),
        .library(name: "Policy", targets: ["Policy"]),
        .library(name: "OptOutMilter", targets: ["OptOutMilter"]),
        .library(name: "MailCorpus", targets: ["MailCorpus"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "AuditReport", targets: ["AuditReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        // Without its default traits Hummingbird does not pull swift-configuration, which CI would otherwise build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0", traits: []),
        // Both already built for Hummingbird; named so that the HTTP code can import header names
        // and NIO's channel and buffer members.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // C libraries from Debian, reached through pkg-config.
        .systemLibrary(name: "CMilter", pkgConfig: "milter", providers: [.apt(["libmilter-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CIDN2", pkgConfig: "libidn2", providers: [.apt(["libidn2-dev"])]),
        // XXH3 (inlined from libxxhash-dev) and a prefetch hint for the suppression lookup.
        .systemLibrary(name: "CLookupSupport", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // One-shot SHA-256 and MD5 (hashed-list fingerprints) from Debian's OpenSSL libcrypto.
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // A reusable Swift binding over libmilter: sessions return verdicts and edits as values.
        .target(name: "Milter", dependencies: ["CMilter", logging]),
        // Pure: RFC 5322 / MIME / HTML stream -> ScannedMessage. No libmilter, no network.
        .target(name: "MailScanner"),
        // Pure: rules + scores over a ScannedMessage, with an explanation.
        .target(name: "MarketingClassifier", dependencies: ["MailScanner", "CPCRE2", yams]),
        // Address normalisation, the in-memory snapshot index, stores and imports.
        .target(name: "Suppression", dependencies: ["CIDN2", "CLookupSupport", "CLibCrypto", grdb, crypto, logging]),
        // Pure: RFC 8058 one-click unsubscribe tokens (AEAD seal and open, key rotation) and links.
        .target(name: "Unsubscribe", dependencies: [crypto]),
        // Pure: outbound scope, the per-recipient decision table, actions, header value, audit record.
        .target(name: "Policy", dependencies: ["MarketingClassifier", "Suppression", "Unsubscribe"]),
        // Offline work on stored mail: message files (mbox, Maildir, .eml), labelled corpora, eval, reports.
        .target(name: "MailCorpus", dependencies: ["MailScanner", "MarketingClassifier"]),
        // The daemon: configuration, snapshots, the milter session, audit, lifecycle.
        .target(
            name: "OptOutMilter",
            dependencies: [
                "Milter", "MailScanner", "MarketingClassifier", "Suppression", "Policy", "Unsubscribe", logging, yams,
                crypto, coreMetrics,
            ]
        ),
        // The Prometheus registry and the HTTP listener for /metrics, /healthz and /readyz, on threads of its own.
        .target(
            name: "HTTPServer",
            dependencies: [
                "OptOutMilter", "Unsubscribe", logging, coreMetrics, prometheus, hummingbird, httpTypes, nioCore,
            ]
        ),
        // Pure: the compliance report over audit JSON Lines, in text, JSON and self-contained HTML.
        .target(name: "AuditReport", dependencies: ["Policy"]),
        .executableTarget(
            name: "optout-milter",
            dependencies: [
                "OptOutMilter", "MailCorpus", "HTTPServer", "AuditReport", "Suppression", "Unsubscribe", argumentParser,
                logging,
            ]
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
        .testTarget(
            name: "PolicyTests",
            dependencies: ["Policy", "MarketingClassifier", "Suppression", "Unsubscribe"]
        ),
        .testTarget(name: "MailCorpusTests", dependencies: ["MailCorpus", "MailScanner", "MarketingClassifier"]),
        // Runs the built executable: exit statuses and what each failure prints.
        .testTarget(name: "CommandLineTests"),
        .testTarget(
            name: "OptOutMilterTests",
            dependencies: [
                "OptOutMilter", "Milter", "Policy", "Suppression", "MarketingClassifier", "Unsubscribe", logging,
                coreMetrics, prometheus,
            ]
        ),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: [
                "HTTPServer", "OptOutMilter", "Policy", "MarketingClassifier", "Suppression", "Unsubscribe", prometheus,
                logging, grdb,
            ]
        ),
        .testTarget(name: "AuditReportTests", dependencies: ["AuditReport", "Policy"]),
        .testTarget(name: "UnsubscribeTests", dependencies: ["Unsubscribe"]),
    ]
)

for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
