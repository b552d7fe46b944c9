/// Streaming, tolerant base64 (RFC 2045 section 6.8): characters outside the alphabet are skipped,
/// padding ends a quantum and decoding resumes after it (concatenated blobs), a dangling sextet is dropped.
/// Same results as Python's `binascii.a2b_base64` in non-strict mode, in any chunking.
struct Base64Decoder: Sendable {
    private var accumulator: UInt32 = 0
    private var count = 0
    /// A quantum closed by padding or ended short.
    private(set) var sawDamage = false

    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        Self.table.withUnsafeBufferPointer { table in
            var accumulator = self.accumulator
            var count = self.count
            for byte in input {
                let value = table[Int(byte)]
                if value == 0xFF {
                    if byte == UInt8(ascii: "=") && count >= 2 {
                        self.flushPartial(accumulator: accumulator, count: count, into: &output)
                        accumulator = 0
                        count = 0
                    }
                    continue
                }
                accumulator = accumulator << 6 | UInt32(value)
                count += 1
                if count == 4 {
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                    output.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator = 0
                    count = 0
                }
            }
            self.accumulator = accumulator
            self.count = count
        }
    }

    /// Emits what a short final quantum carries.
    mutating func finish(into output: inout [UInt8]) {
        if self.count > 0 {
            self.sawDamage = true
            self.flushPartial(accumulator: self.accumulator, count: self.count, into: &output)
        }
        self.accumulator = 0
        self.count = 0
    }

    private func flushPartial(accumulator: UInt32, count: Int, into output: inout [UInt8]) {
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
    }
}
