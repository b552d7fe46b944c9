// swift-tools-version: 6.1
// A measurement tool, not part of the product: see Sources/HashBench/main.swift.
import PackageDescription

let package = Package(
    name: "hash-oneshot",
    dependencies: [.package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0")],
    targets: [
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto"),
        .executableTarget(
            name: "HashBench",
            dependencies: ["CLibCrypto", .product(name: "Crypto", package: "swift-crypto")]
        ),
    ]
)
