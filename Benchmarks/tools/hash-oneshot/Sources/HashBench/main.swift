// The hashed-list fingerprint's digests, side by side in one process: swift-crypto's vendored
// BoringSSL one-shots (what Suppression used before), the system libcrypto through the shim it
// uses now (Sources/CLibCrypto, linked here), and swift-crypto's public SHA256 type.
//
//   swift build -c release --package-path Benchmarks/tools/hash-oneshot
//   Benchmarks/tools/hash-oneshot/.build/release/HashBench
import CCryptoBoringSSL
import CLibCrypto
import Crypto
import Foundation

let addresses = (0..<1024).map { Array("someone.number\($0)@example.com".utf8) }
var digest = [UInt8](repeating: 0, count: 32)
var sink: UInt8 = 0

/// Nanoseconds per digest of a short address, over `rounds` digests.
@MainActor func time(rounds: Int, _ body: (UnsafePointer<UInt8>, Int, UnsafeMutablePointer<UInt8>) -> Void) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    for round in 0..<rounds {
        addresses[round & 1023].withUnsafeBufferPointer { bytes in
            digest.withUnsafeMutableBufferPointer { out in body(bytes.baseAddress!, bytes.count, out.baseAddress!) }
        }
        sink &+= digest[0]
    }
    let elapsed = clock.now - start
    return (Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / Double(rounds)
}

func format(_ value: Double) -> String { String(format: "%.1f", value) }

let rounds = 2_000_000
for pass in 1...3 {
    let boringSHA = time(rounds: rounds) { _ = CCryptoBoringSSL_SHA256($0, $1, $2) }
    let systemSHA = time(rounds: rounds) { optout_sha256($0, $1, $2) }
    let publicSHA = time(rounds: rounds) { bytes, count, out in
        let digest = SHA256.hash(data: UnsafeRawBufferPointer(start: bytes, count: count))
        digest.withUnsafeBytes { out[0] = $0[0] }
    }
    let boringMD5 = time(rounds: rounds) { _ = CCryptoBoringSSL_MD5($0, $1, $2) }
    let systemMD5 = time(rounds: rounds) { optout_md5($0, $1, $2) }
    print(
        "pass \(pass): SHA-256 BoringSSL \(format(boringSHA)) ns, libcrypto \(format(systemSHA)) ns "
            + "(ratio \(String(format: "%.2f", systemSHA / boringSHA))), swift-crypto SHA256 \(format(publicSHA)) ns; "
            + "MD5 BoringSSL \(format(boringMD5)) ns, libcrypto \(format(systemMD5)) ns "
            + "(ratio \(String(format: "%.2f", systemMD5 / boringMD5)))"
    )
}
print("(checksum \(sink))")
