#if canImport(Glibc)
import Glibc
#endif

/// Memory for the index arrays.
///
/// Large arrays are mapped directly and marked for transparent huge pages: a probe into a
/// 100 MB table is a random access, and with 4 KiB pages nearly every one also missed the TLB
/// (a page walk on top of the cache miss); 2 MiB pages keep the translations cached. Mapped
/// memory also comes zeroed, so there is no pass to clear it.
enum TableMemory {
    /// Arrays smaller than this use the allocator.
    static let mappingThreshold = 4 << 20

    static func allocateZeroed<T: FixedWidthInteger>(_ count: Int) -> UnsafeMutableBufferPointer<T> {
        let bytes = count * MemoryLayout<T>.stride
        #if canImport(Glibc)
        if bytes >= self.mappingThreshold {
            let address = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            guard let address, address != MAP_FAILED else {
                // Out of address space or memory: the same outcome as a failed Swift allocation.
                preconditionFailure("cannot map \(bytes) bytes for the suppression index")
            }
            _ = madvise(address, bytes, MADV_HUGEPAGE)  // advisory: without THP it is a no-op
            return UnsafeMutableBufferPointer(start: address.bindMemory(to: T.self, capacity: count), count: count)
        }
        #endif
        // Cache-line aligned, so a filter block never straddles two lines.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(bytes, 1))
        return UnsafeMutableBufferPointer(start: raw.bindMemory(to: T.self, capacity: count), count: count)
    }

    static func deallocate<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        let bytes = buffer.count * MemoryLayout<T>.stride
        #if canImport(Glibc)
        if bytes >= self.mappingThreshold {
            _ = munmap(buffer.baseAddress, bytes)
            return
        }
        #endif
        UnsafeMutableRawPointer(buffer.baseAddress!).deallocate()
    }
}
