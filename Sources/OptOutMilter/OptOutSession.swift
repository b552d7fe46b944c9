import Logging
import Milter

/// The milter session of one SMTP connection.
///
/// For now it accepts every message and stamps it with `X-OptOut-Milter: <version>`, plus the
/// MTA's queue id when the MTA sends the `i` macro, so that each message's header is its own. The
/// policy engine plugs in at `endOfMessage`: classify, look each recipient up, return edits.
struct OptOutSession: MilterSession {
    /// The header added to every message.
    static let headerName = "X-OptOut-Milter"

    let snapshot: PolicySnapshot
    /// Per-message events go out at debug level only: nothing is logged per message at info.
    var logger: Logger

    init(
        snapshot: PolicySnapshot,
        logger: Logger = Logger(label: "optout-milter", factory: SwiftLogNoOpLogHandler.init)
    ) {
        self.snapshot = snapshot
        self.logger = logger
    }

    var requirements: MilterRequirements { self.snapshot.requirements }

    mutating func endOfMessage(macros: MilterMacros) throws -> MilterMessageResult {
        let queueID = macros["i"]
        self.logger.debug("message accepted", metadata: ["milter.queue_id": "\(queueID ?? "-")"])
        let value = Self.headerValue(version: self.snapshot.version, queueID: queueID)
        return MilterMessageResult(verdict: .accept, edits: [.addHeader(name: Self.headerName, value: value)])
    }

    /// `0.1.0 (queue-id 4XyZ1K2abc)`, or just the version when the MTA sent no queue id.
    static func headerValue(version: String, queueID: String?) -> String {
        guard let queueID, !queueID.isEmpty else {
            return version
        }
        return "\(version) (queue-id \(queueID))"
    }
}
