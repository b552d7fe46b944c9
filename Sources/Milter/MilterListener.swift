import CMilter
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Opens libmilter's listening socket and adjusts it: ownership and mode of a unix socket, and
/// TCP_NODELAY on a TCP one.
enum MilterListener {
    static func open(_ configuration: MilterServerConfiguration, logger: Logger) throws(MilterServerError) {
        // Create the unix socket with the final mode from the start, so that there is no window in
        // which it has the process umask's wider or narrower permissions.
        let previousMask = umask(mode_t(0o777 & ~configuration.socketMode))
        // true: remove a stale unix socket left by a crash (libmilter would otherwise fail silently).
        let opened = smfi_opensocket(true)
        umask(previousMask)
        guard opened == MI_SUCCESS else {
            throw MilterServerError(
                "cannot listen on '\(configuration.socket)' (for a unix socket: does its directory exist and "
                    + "is it writable? for TCP: is the port free?); libmilter logs details only to syslog"
            )
        }
        switch configuration.socket {
        case .unix(let path):
            try Self.adjustUnixSocket(path: path, configuration: configuration)
        case .inet(let port, _), .inet6(let port, _):
            let count = Self.setNoDelay(port: port)
            logger.debug("TCP_NODELAY set", metadata: ["milter.sockets": "\(count)"])
            if count == 0 {
                logger.warning(
                    "could not find the listening socket to set TCP_NODELAY; expect ~40 ms stalls per message",
                    metadata: ["milter.socket": "\(configuration.socket)"]
                )
            }
        }
    }

    private static func adjustUnixSocket(
        path: String,
        configuration: MilterServerConfiguration
    )
        throws(MilterServerError)
    {
        var uid = uid_t.max
        var gid = gid_t.max
        if let owner = configuration.socketOwner {
            guard let resolved = MilterIdentity.userID(owner) else {
                throw MilterServerError("unknown socket owner '\(owner)'")
            }
            uid = resolved
        }
        if let group = configuration.socketGroup {
            guard let resolved = MilterIdentity.groupID(group) else {
                throw MilterServerError("unknown socket group '\(group)'")
            }
            gid = resolved
        }
        if uid != uid_t.max || gid != gid_t.max {
            guard chown(path, uid, gid) == 0 else {
                throw MilterServerError("cannot change the owner/group of \(path): \(String(cString: strerror(errno)))")
            }
        }
        guard chmod(path, mode_t(configuration.socketMode)) == 0 else {
            throw MilterServerError("cannot change the mode of \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// libmilter gives no handle to its listening socket: find it among the process's descriptors
    /// (a socket in listening state bound to our port) and set TCP_NODELAY on it. Linux copies the
    /// option to every accepted socket, so replies are not held back by Nagle's algorithm.
    /// Returns how many sockets were changed.
    private static func setNoDelay(port: Int) -> Int {
        var changed = 0
        let limit = Int32(min(sysconf(Int32(_SC_OPEN_MAX)), 65_536))
        for fd in 0..<max(limit, 0) {
            var accepting: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting != 0 else {
                continue
            }
            guard Self.boundPort(fd) == port else {
                continue
            }
            var one: Int32 = 1
            if setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 {
                changed += 1
            }
        }
        return changed
    }

    private static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else {
            return nil
        }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
        default:
            return nil
        }
    }
}
