import Logging
import Milter
import Policy
import Suppression

/// The daemon's settings, with the defaults used when a key is absent (or there is no file).
///
/// Loaded from YAML by `OptOutMilterConfiguration.load(path:)`; every key is listed in
/// `OptOutMilterConfiguration+YAML.swift` and documented, with its default, in
/// contrib/optout-milter.yaml.
public struct OptOutMilterConfiguration: Sendable, Equatable {
    /// The configuration file read when `--config` is not given, if it exists.
    public static let defaultPath = "/etc/optout-milter/optout-milter.yaml"
    /// The socket used when neither the file nor `--socket` names one.
    public static let defaultSocket = MilterSocket.unix(path: "/run/optout-milter/optout-milter.sock")
    /// The audit file used when the configuration names none.
    public static let defaultAuditPath = "/var/log/optout-milter/audit.jsonl"

    /// What the filter answers when it fails internally.
    public enum ErrorAction: String, Sendable, Equatable, CaseIterable {
        /// 4xx: the MTA keeps the message and retries (nothing is lost). The default.
        case tempfail
        /// Let the message through unfiltered.
        case accept

        var verdict: MilterVerdict {
            switch self {
            case .tempfail: return .tempfail
            case .accept: return .accept
            }
        }
    }

    /// When the body is read.
    public enum ScanMode: String, Sendable, Equatable, CaseIterable {
        /// Every message in scope is classified (for the header, the audit of marketing, metrics).
        case always
        /// A message with no suppressed recipient is accepted at end of headers, without its body.
        case whenSuppressed = "when-suppressed"
    }

    /// How recipients are written in the audit trail.
    public enum AuditRecipients: String, Sendable, Equatable, CaseIterable {
        case plain
        /// The SHA-256 of the lower-cased address, hex.
        case sha256
    }

    /// `socket`: where to listen (`unix:/path`, `inet:PORT@HOST`, `inet6:PORT@HOST`).
    public var socket: MilterSocket
    /// `socket_owner`: owner of a unix socket (name or uid); default: the process's user.
    public var socketOwner: String?
    /// `socket_group`: group of a unix socket (name or gid), e.g. `postfix`; default: the process's group.
    public var socketGroup: String?
    /// `socket_mode`: permission bits of a unix socket, octal; default 0660.
    public var socketMode: UInt32
    /// `user`: who the milter becomes once its socket is open when started as root; nil: stay.
    public var user: String?
    /// `group`: the group it becomes with `user`; nil: the user's primary group.
    public var group: String?
    /// `listen_backlog`: the listen backlog; default: libmilter's.
    public var listenBacklog: Int32?
    /// `on_internal_error`: `tempfail` (default) or `accept`.
    public var onInternalError: ErrorAction
    /// `drain_timeout`: seconds messages in progress may take to finish after SIGTERM; default 5.
    public var drainTimeoutSeconds: Double
    /// `log_level`: trace, debug, info (default), notice, warning, error, critical.
    public var logLevel: Logger.Level
    /// `mode`, `outbound`, `declared`, `actions`, `header`, `classifier.uncertain_band`.
    public var policy: PolicySettings
    /// `suppression.store`: the suppression store URL.
    public var suppressionStore: String
    /// `suppression.refresh_interval`: seconds between checks for a changed store or rule file.
    public var refreshIntervalSeconds: Double
    /// `scan`: `always` (default) or `when-suppressed`.
    public var scan: ScanMode
    /// `classifier.rules`: nil for the built-in pack, else a rule file's path.
    public var classifierRules: String?
    /// `classifier.model`: nil for the rules' own scores, `builtin` for the model shipped in the
    /// binary, else a model file written by `optout-milter train`.
    public var classifierModel: String?
    /// `classifier.threshold`: overrides the rule pack's threshold when set.
    public var classifierThreshold: Double?
    /// `audit.path`: the JSON Lines audit file; nil for none.
    public var auditPath: String?
    /// `audit.recipients`: plain (default) or sha256.
    public var auditRecipients: AuditRecipients
    /// The `metrics` section: the HTTP listener for metrics and health.
    public var metrics = MetricsSettings()
    /// The `unsubscribe` section; nil (the default) for no one-click unsubscribe.
    public var unsubscribe: UnsubscribeSettings?

    public init(
        socket: MilterSocket = Self.defaultSocket,
        socketOwner: String? = nil,
        socketGroup: String? = nil,
        socketMode: UInt32 = 0o660,
        listenBacklog: Int32? = nil,
        onInternalError: ErrorAction = .tempfail,
        drainTimeoutSeconds: Double = 5,
        logLevel: Logger.Level = .info,
        policy: PolicySettings = PolicySettings(),
        suppressionStore: String = SuppressionStoreURL.defaultValue,
        refreshIntervalSeconds: Double = 2,
        scan: ScanMode = .always,
        classifierRules: String? = nil,
        classifierModel: String? = nil,
        classifierThreshold: Double? = nil,
        auditPath: String? = Self.defaultAuditPath,
        auditRecipients: AuditRecipients = .plain
    ) {
        self.socket = socket
        self.socketOwner = socketOwner
        self.socketGroup = socketGroup
        self.socketMode = socketMode
        self.listenBacklog = listenBacklog
        self.onInternalError = onInternalError
        self.drainTimeoutSeconds = drainTimeoutSeconds
        self.logLevel = logLevel
        self.policy = policy
        self.suppressionStore = suppressionStore
        self.refreshIntervalSeconds = refreshIntervalSeconds
        self.scan = scan
        self.classifierRules = classifierRules
        self.classifierModel = classifierModel
        self.classifierThreshold = classifierThreshold
        self.auditPath = auditPath
        self.auditRecipients = auditRecipients
    }

    /// Sets `socket` from its text form (`--socket`).
    public mutating func setSocket(_ specification: String) throws(MilterSocket.ParseError) {
        self.socket = try MilterSocket(parsing: specification)
    }

    /// The keys read only at start: a reload that finds them changed says a restart is needed.
    public func restartOnlyChanges(comparedTo other: Self) -> [String] {
        var changed: [String] = []
        if self.socket != other.socket { changed.append("socket") }
        if self.socketOwner != other.socketOwner { changed.append("socket_owner") }
        if self.socketGroup != other.socketGroup { changed.append("socket_group") }
        if self.socketMode != other.socketMode { changed.append("socket_mode") }
        if self.user != other.user { changed.append("user") }
        if self.group != other.group { changed.append("group") }
        if self.listenBacklog != other.listenBacklog { changed.append("listen_backlog") }
        if self.onInternalError != other.onInternalError { changed.append("on_internal_error") }
        if self.drainTimeoutSeconds != other.drainTimeoutSeconds { changed.append("drain_timeout") }
        if self.logLevel != other.logLevel { changed.append("log_level") }
        if self.metrics.listen != other.metrics.listen { changed.append("metrics.listen") }
        if self.metrics.allowRemote != other.metrics.allowRemote { changed.append("metrics.allow_remote") }
        if self.unsubscribe?.listen != other.unsubscribe?.listen
            || (self.unsubscribe == nil) != (other.unsubscribe == nil)
        {
            changed.append("unsubscribe.listen")
        }
        if self.unsubscribe?.allowRemote != other.unsubscribe?.allowRemote {
            changed.append("unsubscribe.allow_remote")
        }
        return changed
    }

    /// The binding's view of these settings.
    var server: MilterServerConfiguration {
        MilterServerConfiguration(
            name: "optout-milter",
            socket: self.socket,
            socketOwner: self.socketOwner,
            socketGroup: self.socketGroup,
            socketMode: self.socketMode,
            listenBacklog: self.listenBacklog,
            errorVerdict: self.onInternalError.verdict,
            drainTimeout: .milliseconds(Int64(self.drainTimeoutSeconds * 1000)),
            runAs: self.user.map { MilterPrivileges(user: $0, group: self.group) }
        )
    }
}
