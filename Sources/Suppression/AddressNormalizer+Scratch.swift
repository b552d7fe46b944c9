extension AddressNormalizer {
    /// Fixed regions of one stack buffer, so normalising allocates nothing on the ASCII path.
    ///
    /// Sizes are well above the RFC limits (64-octet local part, 253-octet domain) so that an
    /// over-long input is reported as too long rather than overflowing.
    struct Scratch {
        static let regionSize = 512
        static let size = regionSize * 5

        let buffer: UnsafeMutableBufferPointer<UInt8>

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        /// The local part's content as written (quotes removed, quoted pairs resolved).
        var local: UnsafeMutableBufferPointer<UInt8> { self.region(0) }
        /// The local part lower-cased.
        var lowered: UnsafeMutableBufferPointer<UInt8> { self.region(1) }
        /// The domain in A-label form.
        var domain: UnsafeMutableBufferPointer<UInt8> { self.region(2) }
        /// The canonical key.
        var canonical: UnsafeMutableBufferPointer<UInt8> { self.region(3) }
        /// The basic form.
        var basic: UnsafeMutableBufferPointer<UInt8> { self.region(4) }

        private func region(_ index: Int) -> UnsafeMutableBufferPointer<UInt8> {
            UnsafeMutableBufferPointer(
                rebasing: self.buffer[(index * Self.regionSize)..<((index + 1) * Self.regionSize)]
            )
        }
    }
}
