#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The index of the first `byte` in `buffer` at or after `start`, or `buffer.count`: libc's `memchr`
/// (vectorised) for the scans that dominate (line ends, `=` in quoted-printable, `<` and `&` in HTML).
@inline(__always)
func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard start < buffer.count, let base = buffer.baseAddress else { return buffer.count }
    guard let found = memchr(base + start, Int32(byte), buffer.count - start) else { return buffer.count }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
}
