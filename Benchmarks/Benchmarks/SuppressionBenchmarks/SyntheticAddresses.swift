import Foundation
import Suppression

/// A deterministic generator of N distinct, realistic-looking addresses, so that the list, the
/// store and the lookup queries of a benchmark agree without keeping anything in memory.
///
/// Address `i` mixes consumer providers (Gmail with dotted local parts, Yahoo, Outlook) and
/// company domains; ``query(_:)`` writes the same mailbox the way an MTA might hand it over
/// (angle brackets, mixed case, a `+tag` now and then), so every lookup pays for normalisation.
struct SyntheticAddresses {
    static let firstNames = [
        "anna", "ben", "carla", "dmitri", "emma", "felix", "grace", "hiro", "ines", "jonas", "kofi", "lena", "marco",
        "nora", "oscar", "priya", "quentin", "rosa", "samir", "tara", "ugo", "vera", "wei", "xenia", "yusuf", "zoe",
    ]
    static let lastNames = [
        "smith", "garcia", "mueller", "rossi", "dubois", "kowalski", "nguyen", "silva", "tanaka", "okafor", "larsen",
        "novak", "ivanova", "haddad", "kim", "jensen", "moreau", "fischer", "santos", "murphy",
    ]

    /// The canonical mailbox number `index` (distinct for every index).
    static func address(_ index: Int) -> String {
        let first = self.firstNames[index % self.firstNames.count]
        let last = self.lastNames[(index / self.firstNames.count) % self.lastNames.count]
        switch index % 10 {
        case 0, 1, 2: return "\(first).\(last)\(index)@gmail.com"
        case 3: return "\(first)_\(last)\(index)@yahoo.com"
        case 4: return "\(first)\(index)@outlook.com"
        default: return "\(first).\(last).\(index)@corp\(index % 20_000).example"
        }
    }

    /// The mailbox as a recipient address: brackets, some upper case, some sub-addresses.
    static func query(_ index: Int) -> String {
        var address = self.address(index)
        if index % 5 == 0 {
            address = address.uppercased()
        }
        if index % 7 == 0, let at = address.firstIndex(of: "@") {
            address.insert(contentsOf: "+promo", at: at)
        }
        return "<\(address)>"
    }

    /// Writes a plain-text list of `count` entries. ``BenchmarkList/mixed``: 98 % exact
    /// addresses, 2 % SHA-256 hashes of the basic form (as partner lists arrive), and 1 000 whole
    /// domains. ``BenchmarkList/addresses``: exact addresses only.
    static func writeList(count: Int, kind: BenchmarkList, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        let domains = kind == .mixed ? min(1_000, count / 100) : 0
        for index in 0..<(count - domains) {
            if kind == .mixed && index % 50 == 49 {
                buffer += AddressHashes.sha256Hex(self.address(index)) + "\n"
            } else {
                buffer += self.address(index) + "\n"
            }
            if buffer.utf8.count >= 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        for domain in 0..<domains {
            buffer += "@optout\(domain).example\n"
        }
        try handle.write(contentsOf: Data(buffer.utf8))
    }
}

/// What a benchmark list holds.
enum BenchmarkList {
    /// Addresses, 2 % SHA-256 hashes, 1 000 domains: every lookup also computes SHA-256 digests
    /// and walks the domain table.
    case mixed
    /// Only addresses: the lookup the issue defines (normalise, hash, probe).
    case addresses

    /// File name prefix in the cache directory (the mixed list keeps its original names).
    var prefix: String { self == .mixed ? "" : "addresses-" }
}
