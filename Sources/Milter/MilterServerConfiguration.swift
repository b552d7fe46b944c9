/// How the milter listens and behaves when things go wrong.
public struct MilterServerConfiguration: Sendable {
    /// The filter name given to libmilter (used in its syslog messages).
    public var name: String
    /// Where to listen.
    public var socket: MilterSocket
    /// Owner of a unix socket (user name or numeric uid); nil leaves the process's user.
    public var socketOwner: String?
    /// Group of a unix socket (group name or numeric gid), e.g. `postfix`; nil leaves the process's group.
    public var socketGroup: String?
    /// Permission bits of a unix socket. 0o660 lets the socket's group (the MTA) connect.
    public var socketMode: UInt32
    /// The listen backlog; nil keeps libmilter's default.
    public var listenBacklog: Int32?
    /// Seconds libmilter waits for the MTA on a connection before giving up (libmilter's default is 7210).
    public var ioTimeoutSeconds: Int32?
    /// The verdict when the filter itself fails (an error thrown by a session, an edit the MTA
    /// refused, a failed libmilter call). Tempfail makes the MTA retry later, so no mail is lost.
    public var errorVerdict: MilterVerdict
    /// After SIGTERM/SIGINT, how long messages already in progress may take to finish before the
    /// milter stops anyway. Keep the service manager's stop timeout above this plus a few seconds.
    public var drainTimeout: Duration
    /// Who to become once the socket is open (a milter started as root); nil keeps the process's user.
    public var runAs: MilterPrivileges?

    public init(
        name: String = "milter",
        socket: MilterSocket,
        socketOwner: String? = nil,
        socketGroup: String? = nil,
        socketMode: UInt32 = 0o660,
        listenBacklog: Int32? = nil,
        ioTimeoutSeconds: Int32? = nil,
        errorVerdict: MilterVerdict = .tempfail,
        drainTimeout: Duration = .seconds(5),
        runAs: MilterPrivileges? = nil
    ) {
        self.name = name
        self.socket = socket
        self.socketOwner = socketOwner
        self.socketGroup = socketGroup
        self.socketMode = socketMode
        self.listenBacklog = listenBacklog
        self.ioTimeoutSeconds = ioTimeoutSeconds
        self.errorVerdict = errorVerdict
        self.drainTimeout = drainTimeout
        self.runAs = runAs
    }
}
