import Foundation
import Logging
import MarketingClassifier
import Milter
import Policy
import Suppression

@testable import OptOutMilter

/// A real SQLite suppression store, configuration file and audit file in a fresh temporary
/// directory, and a snapshot holder built from them as the daemon builds it.
final class PolicyFixture {
    let directory: URL
    var storeURL: String { "sqlite:\(self.directory.path)/suppressions.db" }
    var auditPath: String { "\(self.directory.path)/audit.jsonl" }
    var configPath: String { "\(self.directory.path)/optout-milter.yaml" }
    static let quiet = Logger(label: "test", factory: SwiftLogNoOpLogHandler.init)

    init(extraConfiguration: String = "") throws {
        self.directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("optout-policy-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        try self.writeConfiguration(extraConfiguration)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Writes the configuration file: store, audit, then `extra` YAML lines.
    func writeConfiguration(_ extra: String) throws {
        let yaml = """
            suppression:
              store: \(self.storeURL)
            audit:
              path: \(self.auditPath)
            \(extra)
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: self.configPath))
    }

    func holder() throws -> SnapshotHolder {
        let configuration = try OptOutMilterConfiguration.load(path: self.configPath)
        let builder = PolicySnapshotBuilder(
            configuration: configuration,
            configurationPath: self.configPath,
            logger: Self.quiet
        )
        return try SnapshotHolder(builder: builder, logger: Self.quiet)
    }

    /// Adds opt-outs (all marketing) to the store.
    func suppress(_ addresses: String...) throws {
        let store = try SuppressionStoreURL(self.storeURL).open()
        let normalizer = try AddressNormalizer(options: store.normalizationOptions())
        try store.write { writer in
            for address in addresses {
                try writer.add(
                    NewSuppressionEntry(
                        key: try SuppressionKey.parse(address, normalizer: normalizer, subdomains: false),
                        raw: address,
                        scope: .allMarketing,
                        effectiveAt: Date(timeIntervalSince1970: 1_700_000_000),
                        source: "test",
                        reason: "test"
                    )
                )
            }
        }
    }

    /// The audit file's records, parsed.
    func auditRecords() throws -> [[String: Any]] {
        let text = (try? String(contentsOfFile: self.auditPath, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
    }
}

/// Messages written for these tests (not from any corpus).
enum Messages {
    static let newsletter = """
        From: Shop Deals <news@shop.example>
        To: jane@example.com
        Subject: 40% off everything this weekend only
        Message-ID: <n1@shop.example>
        List-Unsubscribe: <https://shop.example/unsub?u=1>
        MIME-Version: 1.0
        Content-Type: text/html; charset=utf-8

        <html><body><h1>Big Weekend Sale: 40% off everything</h1>
        <p>Shop now and save on our new spring collection. Limited time offer, ends Sunday!</p>
        <p><a href="https://shop.example/sale?utm_source=newsletter&utm_medium=email">Shop the sale</a></p>
        <p>Use code SPRING40 at checkout. Free shipping on orders over $50.</p>
        <p>You receive this because you subscribed. <a href="https://shop.example/unsub?u=1">Unsubscribe</a></p>
        </body></html>
        """

    static let shippingNotice = """
        From: Orders <orders@shop.example>
        To: jane@example.com
        Subject: Your order 12345 has shipped
        Message-ID: <r1@shop.example>
        Content-Type: text/plain; charset=utf-8

        Hello Jane,

        Your order 12345 has shipped and will arrive on Thursday.
        Tracking number: 1Z999AA10123456784

        Thank you,
        Shop customer service
        """
}

extension MilterSession {
    /// Drives one whole message through the session as libmilter would: MAIL, RCPT each, headers,
    /// end of headers, the body in `chunk`-byte pieces, end of message.
    mutating func deliver(
        _ raw: String,
        from sender: String = "<news@shop.example>",
        to recipients: [String],
        macros: [String: String] = ["i": "QID1"],
        chunk: Int = 512
    ) throws -> MilterMessageResult {
        let mail = MilterMacros(macros)
        if case let verdict = try self.mailFrom(sender, parameters: [], macros: mail), verdict != .continue {
            return MilterMessageResult(verdict: verdict)
        }
        for recipient in recipients {
            _ = try self.recipient(recipient, parameters: [], macros: mail)
        }
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = text.components(separatedBy: "\n\n")
        for line in Self.unfold(parts[0]) {
            let colon = line.firstIndex(of: ":")!
            let value = String(line[line.index(after: colon)...]).drop { $0 == " " }
            _ = try self.header(name: String(line[..<colon]), value: String(value))
        }
        if case let verdict = try self.endOfHeaders(macros: mail), verdict != .continue {
            return MilterMessageResult(verdict: verdict)
        }
        var body = Array(parts.dropFirst().joined(separator: "\n\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
        var offset = 0
        while offset < body.count {
            let end = min(body.count, offset + chunk)
            try body[offset..<end].withUnsafeMutableBytes { _ = try self.body(UnsafeRawBufferPointer($0)) }
            offset = end
        }
        body.removeAll()
        return try self.endOfMessage(macros: mail)
    }

    private static func unfold(_ header: String) -> [String] {
        var lines: [String] = []
        for line in header.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += "\r\n" + line
            } else {
                lines.append(String(line))
            }
        }
        return lines
    }
}
