import Logging
import MarketingClassifier
import Suppression
import Synchronization

/// Reads what a snapshot is made of: the configuration file, the rule file, the suppression store
/// and the audit file. Runs on the reload thread or the watcher thread, never on libmilter's.
public final class PolicySnapshotBuilder: Sendable {
    /// The configuration file re-read on reload; nil when running on built-in defaults.
    public let configurationPath: String?
    /// Applied to every configuration read (command-line options such as `--socket`).
    private let overrides: @Sendable (inout OptOutMilterConfiguration) throws -> Void
    private let initial: OptOutMilterConfiguration
    /// Stores and audit logs opened so far, by URL and path, kept across reloads.
    private let opened = Mutex(Opened())
    private let logger: Logger

    private struct Opened {
        var stores: [String: any SuppressionStore] = [:]
        var audits: [String: AuditLog] = [:]
    }

    /// - Parameters:
    ///   - configuration: the configuration as first read (used as is when `configurationPath` is nil).
    ///   - configurationPath: re-read on each reload.
    ///   - overrides: applied after each read.
    public init(
        configuration: OptOutMilterConfiguration,
        configurationPath: String?,
        logger: Logger,
        overrides: @escaping @Sendable (inout OptOutMilterConfiguration) throws -> Void = { _ in }
    ) {
        self.initial = configuration
        self.configurationPath = configurationPath
        self.overrides = overrides
        self.logger = logger
    }

    /// Builds a snapshot. The suppression index is reused from `previous` when the store and its
    /// change token are the same (a reload for a rule or configuration change does not rebuild a
    /// 10 M-entry index).
    func build(generation: Int, previous: PolicySnapshot?) throws -> PolicySnapshot {
        var configuration = self.initial
        if let path = self.configurationPath, previous != nil {
            configuration = try OptOutMilterConfiguration.load(path: path)
            try self.overrides(&configuration)
        }
        let rulesStamp = configuration.classifierRules.flatMap(FileStamp.init(path:))
        let classifier = try ClassifierLoader.load(configuration)
        let store = try self.store(configuration.suppressionStore)
        let suppression: SuppressionSnapshot
        if let previous, previous.configuration.suppressionStore == configuration.suppressionStore,
            try store.changeToken() == previous.suppression.changeToken
        {
            suppression = previous.suppression
        } else {
            suppression = try SuppressionSnapshot.build(from: store)
        }
        let audit = try configuration.auditPath.map { path in
            try self.audit(path: path, recipients: configuration.auditRecipients, reopen: previous != nil)
        }
        return PolicySnapshot(
            generation: generation,
            configuration: configuration,
            classifier: classifier,
            suppression: suppression,
            audit: audit,
            rulesStamp: rulesStamp,
            unsubscribe: try configuration.unsubscribe?.links()
        )
    }

    /// What changed since `snapshot` was built: the store's change token or the rule file. nil for
    /// nothing; a failure when the store cannot be asked.
    func change(since snapshot: PolicySnapshot) -> Result<String, any Error>? {
        if let path = snapshot.configuration.classifierRules, FileStamp(path: path) != snapshot.rulesStamp {
            return .success("rule file changed")
        }
        do {
            let store = try self.store(snapshot.configuration.suppressionStore)
            if try store.changeToken() != snapshot.suppression.changeToken {
                return .success("suppression store changed")
            }
        } catch {
            return .failure(error)
        }
        return nil
    }

    private func store(_ url: String) throws -> any SuppressionStore {
        if let store = self.opened.withLock({ $0.stores[url] }) {
            return store
        }
        let store: any SuppressionStore
        do {
            store = try SuppressionStoreURL(url).open()
        } catch {
            // SQLite's own message does not name the file; an admin needs the path.
            throw StoreOpenError(url: url, reason: "\(error)")
        }
        self.opened.withLock { $0.stores[url] = store }
        return store
    }

    private func audit(
        path: String,
        recipients: OptOutMilterConfiguration.AuditRecipients,
        reopen: Bool
    ) throws -> AuditLog {
        if let log = self.opened.withLock({ $0.audits[path] }), log.recipients == recipients {
            if reopen {
                try log.reopen()  // SIGUSR1 after logrotate moved the file
            }
            return log
        }
        let log = try AuditLog(path: path, recipients: recipients)
        self.opened.withLock { $0.audits[path] = log }
        return log
    }
}

/// The suppression store named by `suppression.store` cannot be opened.
struct StoreOpenError: Error, CustomStringConvertible {
    var url: String
    var reason: String
    var description: String { "suppression.store '\(self.url)' cannot be opened: \(self.reason)" }
}
