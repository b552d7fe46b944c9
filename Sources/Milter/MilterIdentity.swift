#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Resolves the user and group names of the socket's owner (a name or a number).
enum MilterIdentity {
    static func userID(_ name: String) -> uid_t? {
        if let number = UInt32(name) {
            return uid_t(number)
        }
        guard let entry = getpwnam(name) else {
            return nil
        }
        return entry.pointee.pw_uid
    }

    static func groupID(_ name: String) -> gid_t? {
        if let number = UInt32(name) {
            return gid_t(number)
        }
        guard let entry = getgrnam(name) else {
            return nil
        }
        return entry.pointee.gr_gid
    }
}
