#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A file's identity and last change (device, inode, size, modification time): enough to notice
/// that a watched file was edited or replaced, with one `stat` and no read.
public struct FileStamp: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    /// The file's stamp now, or nil when it cannot be read.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.device = UInt64(info.st_dev)
        self.inode = UInt64(info.st_ino)
        self.size = Int64(info.st_size)
        self.seconds = Int(info.st_mtim.tv_sec)
        self.nanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
