import Logging
import Milter

/// The daemon's settings, with the defaults used when a key is absent (or there is no file).
///
/// Loaded from YAML by `OptOutMilterConfiguration.load(path:)`; every key is listed in
/// `OptOutMilterConfiguration+YAML.swift` and documented in docs/OPERATING.md.
public struct OptOutMilterConfiguration: Sendable, Equatable {
    /// The configuration file read when `--config` is not given, if it exists.
    public static let defaultPath = "/etc/optout-milter/optout-milter.yaml"
    /// The socket used when neither the file nor `--socket` names one.
    public static let defaultSocket = MilterSocket.unix(path: "/run/optout-milter/optout-milter.sock")

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

    /// `socket`: where to listen (`unix:/path`, `inet:PORT@HOST`, `inet6:PORT@HOST`).
    public var socket: MilterSocket
    /// `socket_owner`: owner of a unix socket (name or uid); default: the process's user.
    public var socketOwner: String?
    /// `socket_group`: group of a unix socket (name or gid), e.g. `postfix`; default: the process's group.
    public var socketGroup: String?
    /// `socket_mode`: permission bits of a unix socket, octal; default 0660.
    public var socketMode: UInt32
    /// `listen_backlog`: the listen backlog; default: libmilter's.
    public var listenBacklog: Int32?
    /// `on_internal_error`: `tempfail` (default) or `accept`.
    public var onInternalError: ErrorAction
    /// `drain_timeout`: seconds messages in progress may take to finish after SIGTERM; default 5.
    public var drainTimeoutSeconds: Double
    /// `log_level`: trace, debug, info (default), notice, warning, error, critical.
    public var logLevel: Logger.Level

    public init(
        socket: MilterSocket = Self.defaultSocket,
        socketOwner: String? = nil,
        socketGroup: String? = nil,
        socketMode: UInt32 = 0o660,
        listenBacklog: Int32? = nil,
        onInternalError: ErrorAction = .tempfail,
        drainTimeoutSeconds: Double = 5,
        logLevel: Logger.Level = .info
    ) {
        self.socket = socket
        self.socketOwner = socketOwner
        self.socketGroup = socketGroup
        self.socketMode = socketMode
        self.listenBacklog = listenBacklog
        self.onInternalError = onInternalError
        self.drainTimeoutSeconds = drainTimeoutSeconds
        self.logLevel = logLevel
    }

    /// Sets `socket` from its text form (`--socket`).
    public mutating func setSocket(_ specification: String) throws(MilterSocket.ParseError) {
        self.socket = try MilterSocket(parsing: specification)
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
            drainTimeout: .milliseconds(Int64(self.drainTimeoutSeconds * 1000))
        )
    }
}
