/// Streaming quoted-printable (RFC 2045 section 6.7): `=XX` in either case, soft line breaks
/// (`=` then optional white space then the line end), and damaged escapes kept as written.
/// The state carried between chunks makes the result independent of how the input was split.
struct QuotedPrintableDecoder: Sendable {
    private enum State: Sendable {
        case text
        case equals
        /// `=` and one hex digit (the byte as written).
        case equalsHex(UInt8)
        /// `=` followed by white space: a soft break if only white space is left on the line.
        case equalsSpace(Int)
        /// `=` (and padding) then CR: a soft break when LF follows.
        case equalsCR
    }

    private var state = State.text
    private var pendingSpace: [UInt8] = []
    /// Longest run of white space after `=` still taken as transport padding before a soft break.
    private static let maxPadding = 64
    private(set) var sawDamage = false

    mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            switch self.state {
            case .text:
                // Fast path: copy the run up to the next `=`.
                let end = firstIndex(of: UInt8(ascii: "="), in: input, from: index)
                if end > index { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end])) }
                if end < count { self.state = .equals }
                index = end + 1
                continue
            case .equals:
                if hexValue(byte) != nil {
                    self.state = .equalsHex(byte)
                } else if byte == UInt8(ascii: "\n") {
                    self.state = .text
                } else if byte == UInt8(ascii: "\r") {
                    self.state = .equalsCR
                } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    self.pendingSpace = [byte]
                    self.state = .equalsSpace(1)
                } else if byte == UInt8(ascii: "=") {
                    // `==` (broken encoders): one literal `=`, as Python's binascii does.
                    self.sawDamage = true
                    output.append(UInt8(ascii: "="))
                    self.state = .text
                } else {
                    self.sawDamage = true
                    output.append(UInt8(ascii: "="))
                    self.state = .text
                    continue
                }
            case .equalsHex(let first):
                if let low = hexValue(byte), let high = hexValue(first) {
                    output.append(high << 4 | low)
                    self.state = .text
                } else {
                    self.sawDamage = true
                    output.append(UInt8(ascii: "="))
                    output.append(first)
                    self.state = .text
                    continue
                }
            case .equalsSpace(let n):
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    if n < Self.maxPadding {
                        self.pendingSpace.append(byte)
                        self.state = .equalsSpace(n + 1)
                    } else {
                        self.flushEqualsSpace(into: &output)
                        continue
                    }
                } else if byte == UInt8(ascii: "\n") {
                    self.pendingSpace.removeAll(keepingCapacity: true)
                    self.state = .text
                } else if byte == UInt8(ascii: "\r") {
                    self.state = .equalsCR
                } else {
                    self.flushEqualsSpace(into: &output)
                    continue
                }
            case .equalsCR:
                if byte == UInt8(ascii: "\n") {
                    self.pendingSpace.removeAll(keepingCapacity: true)
                    self.state = .text
                } else {
                    // A bare CR after `=`: keep everything as written.
                    self.sawDamage = true
                    output.append(UInt8(ascii: "="))
                    output.append(contentsOf: self.pendingSpace)
                    output.append(UInt8(ascii: "\r"))
                    self.pendingSpace.removeAll(keepingCapacity: true)
                    self.state = .text
                    continue
                }
            }
            index += 1
        }
    }

    /// Keeps a dangling `=` (and what followed it) at the end of the part as written.
    mutating func finish(into output: inout [UInt8]) {
        switch self.state {
        case .text:
            break
        case .equals:
            // `=` at the very end is a soft break with its line end lost: drop it.
            break
        case .equalsHex(let first):
            self.sawDamage = true
            output.append(UInt8(ascii: "="))
            output.append(first)
        case .equalsSpace, .equalsCR:
            break
        }
        self.state = .text
        self.pendingSpace.removeAll()
    }

    private mutating func flushEqualsSpace(into output: inout [UInt8]) {
        self.sawDamage = true
        output.append(UInt8(ascii: "="))
        output.append(contentsOf: self.pendingSpace)
        self.pendingSpace.removeAll(keepingCapacity: true)
        self.state = .text
    }
}

/// The value of an ASCII hex digit, either case.
@inline(__always)
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
    default: nil
    }
}
