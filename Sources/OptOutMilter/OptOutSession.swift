import Logging
import MailScanner
import MarketingClassifier
import Milter
import Policy
import Suppression

/// The milter session of one SMTP connection: feeds each message to the scanner and the
/// suppression lookups as it arrives, and asks ``Policy`` what to do at end of message.
///
/// - connect: the client's address (for `outbound.networks`);
/// - MAIL: the message's snapshot is taken and the scope decided; out-of-scope mail is accepted
///   here, with no further callbacks;
/// - RCPT: the recipient is looked up in the message's snapshot;
/// - headers, body: streamed into the scanner (no whole-message buffering beyond its limits);
/// - end of headers: with `scan: when-suppressed`, a message with no suppressed recipient is
///   accepted here, without its body;
/// - end of message: classify, decide, write the audit record, return the edits.
///
/// An internal failure (an audit write, a lookup that failed on marketing) throws, which the
/// binding turns into `on_internal_error`.
struct OptOutSession: MilterSession {
    let holder: SnapshotHolder
    /// Per-message events go out at debug level only: nothing is logged per message at info.
    var logger: Logger
    private let connectionRequirements: MilterRequirements
    private var clientAddress: String?
    private var daemonName: String?
    private var message: MessageState?

    /// The state of the message under way, from MAIL to end of message or abort.
    struct MessageState {
        var snapshot: PolicySnapshot
        var sender: String
        var authenticatedUser: String?
        var recipients: [RecipientLookup] = []
        var scanner = MessageScanner()
        var declaredHeader: String?
        var declaredHeaderCount = 0
        /// The queue id when the MTA sent it at MAIL (Sendmail); Postfix sends it at end of message.
        var queueID: String?
    }

    /// A failure that ends the message in `on_internal_error`.
    struct InternalError: Error, CustomStringConvertible {
        var description: String
    }

    init(holder: SnapshotHolder, logger: Logger) {
        self.holder = holder
        self.logger = logger
        self.connectionRequirements = holder.current.requirements
        holder.metrics.connectionOpened()
    }

    var requirements: MilterRequirements { self.connectionRequirements }

    mutating func connect(client: MilterClient, macros: MilterMacros) throws -> MilterVerdict {
        self.clientAddress = client.address
        self.daemonName = macros["{daemon_name}"]
        return .continue
    }

    mutating func mailFrom(_ sender: String, parameters: [String], macros: MilterMacros) throws -> MilterVerdict {
        let snapshot = self.holder.current
        let user = macros["{auth_authen}"]
        let scope = snapshot.configuration.policy.outbound.atMail(
            clientAddress: self.clientAddress ?? macros["{client_addr}"],
            daemonName: macros["{daemon_name}"] ?? self.daemonName,
            authenticatedUser: user
        )
        guard scope == .inScope else {
            self.message = nil
            self.holder.metrics.messageAccepted(.outOfScope)
            return .accept
        }
        self.message = MessageState(
            snapshot: snapshot,
            sender: sender.trimmingASCII(" <>"),
            authenticatedUser: user,
            queueID: macros["i"]
        )
        return .continue
    }

    mutating func recipient(_ recipient: String, parameters: [String], macros: MilterMacros) throws -> MilterVerdict {
        guard self.message != nil else { return .continue }
        self.message!.recipients.append(self.message!.snapshot.lookup(recipient))
        return .continue
    }

    mutating func header(name: String, value: UnsafeRawBufferPointer) throws -> MilterVerdict {
        guard self.message != nil else { return .continue }
        self.message!.scanner.header(name: name, value: value)
        if name.lowercased() == self.message!.snapshot.configuration.policy.declared.header.lowercased() {
            self.message!.declaredHeaderCount += 1
            if self.message!.declaredHeader == nil {
                self.message!.declaredHeader = String(decoding: value, as: UTF8.self)
            }
        }
        return .continue
    }

    mutating func endOfHeaders(macros: MilterMacros) throws -> MilterVerdict {
        guard let message = self.message else { return .continue }
        self.message!.scanner.endOfHeaders()
        if message.snapshot.configuration.scan == .whenSuppressed,
            !message.recipients.contains(where: { $0.isSuppressed || $0.failure != nil })
        {
            self.message = nil
            self.holder.metrics.messageAccepted(.notScanned)
            return .accept
        }
        return .continue
    }

    mutating func body(_ chunk: UnsafeRawBufferPointer) throws -> MilterVerdict {
        guard self.message != nil else { return .continue }
        self.message!.scanner.body(chunk)
        return .continue
    }

    mutating func endOfMessage(macros: MilterMacros) throws -> MilterMessageResult {
        guard var message = self.message else { return .accept }
        self.message = nil
        let started = ContinuousClock.now
        let queueID = macros["i"] ?? message.queueID
        let scanned = message.scanner.finish()
        let (verdict, decision) = message.snapshot.judge(
            scanned,
            sender: message.sender,
            authenticatedUser: message.authenticatedUser,
            recipients: message.recipients,
            declaredHeader: message.declaredHeader,
            declaredHeaderCount: message.declaredHeaderCount,
            queueID: queueID
        )
        var failed = true
        defer {
            self.holder.metrics.messageJudged(
                verdict: verdict,
                decision: decision,
                recipientCount: message.recipients.count,
                failed: failed,
                duration: ContinuousClock.now - started
            )
        }
        let result = try Self.result(of: decision, audit: message.snapshot.audit, queueID: queueID, logger: self.logger)
        failed = false
        return result
    }

    mutating func abort() {
        self.message = nil
    }

    mutating func close() {
        self.holder.metrics.connectionClosed()
    }

    /// Writes the audit record, then turns the decision into the binding's result. Throws (the
    /// internal-error verdict) when the decision is an internal error or the record cannot be
    /// written: nothing is accepted unaudited.
    static func result(
        of decision: Decision,
        audit: AuditLog?,
        queueID: String?,
        logger: Logger
    ) throws -> MilterMessageResult {
        let queue = "\(queueID ?? "-")"
        if case .internalError(let why) = decision.disposition {
            logger.error(
                "message not judged; on_internal_error applies",
                metadata: ["milter.queue_id": "\(queue)", "error": "\(why)"]
            )
            throw InternalError(description: why)
        }
        if let record = decision.audit, let audit {
            do {
                try audit.write(record)
            } catch {
                logger.error(
                    "audit write failed; on_internal_error applies",
                    metadata: ["milter.queue_id": "\(queue)", "error": "\(error)"]
                )
                throw error
            }
        }
        logger.debug(
            "message judged",
            metadata: ["milter.queue_id": "\(queue)", "optout.header": "\(decision.headerValue)"]
        )
        switch decision.disposition {
        case .reject(let code, let extendedCode, let text):
            return MilterMessageResult(
                verdict: .reject(MilterReply(code: code, extendedCode: extendedCode, text: text))
            )
        case .accept, .internalError:
            return MilterMessageResult(verdict: .accept, edits: decision.edits.map(Self.edit))
        }
    }

    static func edit(_ edit: Decision.Edit) -> MilterEdit {
        switch edit {
        case .addHeader(let name, let value): .addHeader(name: name, value: value)
        case .deleteHeader(let name, let index): .changeHeader(name: name, index: index, value: nil)
        case .deleteRecipient(let recipient): .deleteRecipient(recipient)
        case .addRecipient(let recipient): .addRecipient(recipient)
        case .quarantine(let reason): .quarantine(reason: reason)
        }
    }
}
