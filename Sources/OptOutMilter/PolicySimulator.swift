import Foundation
import Logging
import MailScanner
import MarketingClassifier
import Policy
import Suppression

/// `optout-milter simulate`: what the milter would do with one message, through the same snapshot,
/// lookups, classifier and ``Policy`` as the mail path, without an MTA and without writing the
/// audit file.
public struct PolicySimulator: Sendable {
    let snapshot: PolicySnapshot

    /// The outcome for one message.
    public struct Result: Sendable {
        public var verdict: Verdict
        public var decision: Decision
        public var recipients: [RecipientLookup]
        /// The record the milter would append to the audit file (nil when it would write none).
        public var audit: AuditRecord?
    }

    /// Builds the snapshot from a configuration as the daemon does (rule file, store), with the
    /// audit file left alone.
    public init(configuration: OptOutMilterConfiguration) throws {
        var configuration = configuration
        configuration.auditPath = nil
        let builder = PolicySnapshotBuilder(
            configuration: configuration,
            configurationPath: nil,
            logger: Logger(label: "optout-milter", factory: SwiftLogNoOpLogHandler.init)
        )
        self.snapshot = try builder.build(generation: 0, previous: nil)
    }

    /// Judges `message` (raw RFC 5322 bytes) sent by `sender` to `recipients`.
    public func simulate(message: [UInt8], sender: String, recipients: [String]) -> Result {
        let scanned = MessageScanner.scan(message)
        let declaredName = self.snapshot.configuration.policy.declared.header
        let declared = scanned.headers(named: declaredName)
        let lookups = recipients.map { self.snapshot.lookup($0) }
        let (verdict, decision) = self.snapshot.judge(
            scanned,
            sender: sender.trimmingCharacters(in: " <>"),
            authenticatedUser: nil,
            recipients: lookups,
            declaredHeader: declared.first?.rawValue.trimmingCharacters(in: " \t"),
            declaredHeaderCount: declared.count,
            queueID: nil
        )
        return Result(verdict: verdict, decision: decision, recipients: lookups, audit: decision.audit)
    }
}
