import Crypto
import Foundation
import Policy
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The audit trail: one JSON line per record, appended with a single `write(2)` before the MTA
/// gets its reply.
///
/// What survives a crash: a record whose write returned is in the kernel's page cache, so it
/// survives the milter being killed; it survives a power loss only once the kernel has flushed it
/// (the file is not fsynced per message, which would cost a disk flush per message). The file is
/// opened with `O_APPEND`, so lines from concurrent messages never interleave. A write the disk cuts
/// short (full) is truncated away and fails the message: the file never holds a torn line.
///
/// ``reopen()`` (on SIGUSR1) opens the path again, so that logrotate can move the file away and
/// signal; writes in flight finish on the old descriptor.
public final class AuditLog: Sendable {
    public let path: String
    public let recipients: OptOutMilterConfiguration.AuditRecipients
    private let descriptor: Mutex<Int32>

    /// A write or open failed; the message then ends in `on_internal_error`.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Opens (creating, mode 0640) the file for appending.
    public init(path: String, recipients: OptOutMilterConfiguration.AuditRecipients) throws(Failure) {
        self.path = path
        self.recipients = recipients
        self.descriptor = Mutex(try Self.open(path))
    }

    deinit {
        let fd = self.descriptor.withLock { $0 }
        close(fd)
    }

    /// Opens the path again and swaps the descriptor in; the old one is closed.
    public func reopen() throws(Failure) {
        let fresh = try Self.open(self.path)
        let old = self.descriptor.withLock { fd in
            let old = fd
            fd = fresh
            return old
        }
        close(old)
    }

    /// Appends one record as one line.
    public func write(_ record: AuditRecord) throws(Failure) {
        var line = (self.recipients == .sha256 ? Self.hashed(record) : record).jsonLine
        line.append("\n")
        let (written, count) = line.withUTF8 { bytes in
            self.descriptor.withLock { fd in
                let written = Glibc.write(fd, bytes.baseAddress, bytes.count)
                if written > 0, written < bytes.count {
                    // A full disk took part of the line: cut it off again, or the next record
                    // would be appended to the fragment and both would be unreadable.
                    _ = ftruncate(fd, lseek(fd, 0, SEEK_END) - off_t(written))
                }
                return (written, bytes.count)
            }
        }
        guard written == count else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "short write (\(written) of \(count) bytes)"
            throw Failure(description: "cannot write to the audit file \(self.path): \(reason)")
        }
    }

    /// Recipients and sender replaced by the SHA-256 of their lower-cased address (hex), which still
    /// lets a regulator's query for one address be answered.
    static func hashed(_ record: AuditRecord) -> AuditRecord {
        var record = record
        for index in record.recipients.indices {
            record.recipients[index].address = Self.sha256(record.recipients[index].address)
        }
        if let redirect = record.redirectTo {
            record.redirectTo = Self.sha256(redirect)
        }
        return record
    }

    static func sha256(_ address: String) -> String {
        let digest = SHA256.hash(data: Data(address.lowercased().utf8))
        return "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }

    private static func open(_ path: String) throws(Failure) -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw Failure(description: "cannot open the audit file \(path): \(String(cString: strerror(errno)))")
        }
        return fd
    }
}
