#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The user and group a milter started as root runs as once its socket is open: the socket (a
/// privileged port, a root-owned directory) and the files opened before are kept, and nothing
/// after that can act as root.
public struct MilterPrivileges: Sendable, Hashable {
    /// A user name or numeric uid.
    public var user: String
    /// A group name or numeric gid; nil: the user's primary group.
    public var group: String?

    public init(user: String, group: String? = nil) {
        self.user = user
        self.group = group
    }

    /// Becomes `user` and `group` for good: supplementary groups cleared to that one group, then the
    /// gid, then the uid (in that order: without root the gid could no longer change), and checks
    /// that root cannot be regained. glibc applies each change to every thread of the process.
    /// Returns the uid and gid now in force.
    func drop() throws(MilterServerError) -> (uid: uid_t, gid: gid_t) {
        guard let account = Self.account(self.user) else {
            throw MilterServerError("user '\(self.user)' does not exist")
        }
        var gid = account.gid
        if let group = self.group {
            guard let named = Self.groupID(group) else {
                throw MilterServerError("group '\(group)' does not exist")
            }
            gid = named
        }
        var groups = [gid]
        guard setgroups(1, &groups) == 0 else { throw Self.failure("setgroups") }
        guard setgid(gid) == 0 else { throw Self.failure("setgid(\(gid))") }
        guard setuid(account.uid) == 0 else { throw Self.failure("setuid(\(account.uid))") }
        if account.uid != 0 && setuid(0) == 0 {
            throw MilterServerError("dropping privileges failed: root could be regained after setuid(\(account.uid))")
        }
        return (getuid(), getgid())
    }

    /// Whether `name` (or a numeric uid) names a user ``drop()`` can become: the configuration checks
    /// it at load, so that a typo is reported with its line rather than at the drop.
    public static func isUser(_ name: String) -> Bool { Self.account(name) != nil }

    /// Whether `name` (or a numeric gid) names a group ``drop()`` can take.
    public static func isGroup(_ name: String) -> Bool { Self.groupID(name) != nil }

    private static func failure(_ call: String) -> MilterServerError {
        MilterServerError("dropping privileges failed: \(call): \(String(cString: strerror(errno)))")
    }

    private static func account(_ name: String) -> (uid: uid_t, gid: gid_t)? {
        if let entry = getpwnam(name) {
            return (entry.pointee.pw_uid, entry.pointee.pw_gid)
        }
        guard let uid = UInt32(name) else { return nil }
        return (uid, getpwuid(uid)?.pointee.pw_gid ?? uid)
    }

    private static func groupID(_ name: String) -> gid_t? {
        if let entry = getgrnam(name) {
            return entry.pointee.gr_gid
        }
        return UInt32(name)
    }
}
