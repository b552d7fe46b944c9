extension AddressNormalizer {
    /// Fixed regions of one stack buffer, so normalising allocates nothing on the ASCII path.
    ///
    /// The whole buffer stays within 1 024 bytes: `withUnsafeTemporaryAllocation` puts up to
    /// that much on the stack unconditionally; beyond it the runtime first asks the OS how much
    /// stack is left, which cost more than the rest of a lookup together.
    struct Scratch {
        /// Local part content: RFC 5321 allows 64 octets; longer input is refused.
        static let localSize = 80
        /// The lower-cased local part (Unicode lower-casing may lengthen it).
        static let loweredSize = 128
        /// An output form: a quoted local part with every octet escaped (130), `@`, 253 of domain.
        static let formSize = 384
        static let size = localSize + loweredSize + 2 * formSize

        let buffer: UnsafeMutableBufferPointer<UInt8>

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        /// The local part's content as written (quotes removed, quoted pairs resolved).
        var local: UnsafeMutableBufferPointer<UInt8> { self.region(0, Self.localSize) }
        /// The local part lower-cased.
        var lowered: UnsafeMutableBufferPointer<UInt8> { self.region(Self.localSize, Self.loweredSize) }
        /// The canonical key.
        var canonical: UnsafeMutableBufferPointer<UInt8> {
            self.region(Self.localSize + Self.loweredSize, Self.formSize)
        }
        /// The basic form (the domain is canonicalised straight into it).
        var basic: UnsafeMutableBufferPointer<UInt8> {
            self.region(Self.localSize + Self.loweredSize + Self.formSize, Self.formSize)
        }

        /// Runs `body` with a scratch buffer on the stack. (``AddressNormalizer/withNormalizedBytes(_:_:)``
        /// spells this out instead: the lookup path is kept to one closure level, see there.)
        @inline(__always)
        static func with<R>(_ body: (inout Scratch) throws -> R) rethrows -> R {
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.size) { buffer in
                var scratch = Scratch(buffer)
                return try body(&scratch)
            }
        }

        @inline(__always)
        private func region(_ start: Int, _ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
            UnsafeMutableBufferPointer(start: self.buffer.baseAddress! + start, count: count)
        }
    }
}
