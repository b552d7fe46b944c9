import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A 256-bit secret that seals and opens unsubscribe tokens.
///
/// On disk: one line, the key in base64, in a file only its owner may read (`unsubscribe keygen`
/// writes it with mode 0600). Several keys may be configured: the first seals, all open, so a key
/// is rotated by putting a new one first and dropping the old one once its links have expired.
public struct UnsubscribeKey: Sendable {
    let key: SymmetricKey

    /// A key from 32 raw bytes.
    public init(bytes: some ContiguousBytes) throws(UnsubscribeKeyError) {
        let key = SymmetricKey(data: bytes)
        guard key.bitCount == 256 else { throw UnsubscribeKeyError(file: nil, "a key is 32 bytes") }
        self.key = key
    }

    private init(key: SymmetricKey) {
        self.key = key
    }

    /// A new random key.
    public static func generate() -> UnsubscribeKey {
        UnsubscribeKey(key: SymmetricKey(size: .bits256))
    }

    /// The file's text: the key in base64 and a newline.
    public var fileText: String {
        self.key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
    }

    /// Reads a key file. Refuses a file that any user may read: the key forges unsubscribe links.
    public static func load(path: String) throws(UnsubscribeKeyError) -> UnsubscribeKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw UnsubscribeKeyError(file: path, "cannot read the key file: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IROTH == 0 else {
            throw UnsubscribeKeyError(
                file: path,
                "the key file is readable by every user; chmod 0600 (or 0640 for the milter's group)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UnsubscribeKeyError(file: path, "cannot read the key file: permission denied")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
            throw UnsubscribeKeyError(file: path, "not a key: expected one line of base64 holding 32 bytes")
        }
        return try UnsubscribeKey(bytes: bytes)
    }

    /// Writes a new key file with mode 0600; never replaces an existing file.
    public func write(path: String) throws(UnsubscribeKeyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw UnsubscribeKeyError(file: path, "cannot create the key file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // The mode given to open is reduced by the umask; the key must not be more readable than 0600.
        fchmod(descriptor, 0o600)
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
            try handle.write(contentsOf: Data(self.fileText.utf8))
            try handle.synchronize()
        } catch {
            unlink(path)
            throw UnsubscribeKeyError(file: path, "cannot write the key file: \(error)")
        }
    }
}
