/// One header field as bytes: the name as written and the unfolded value (line breaks removed, the white
/// space that followed them kept, leading and trailing white space trimmed).
struct RawHeaderField: Sendable, Hashable {
    var name: [UInt8]
    var value: [UInt8]

    /// ASCII case-insensitive comparison of the name with a lowercase literal.
    func isNamed(_ lowercaseName: StaticString) -> Bool {
        let count = lowercaseName.utf8CodeUnitCount
        guard self.name.count == count else { return false }
        let literal = lowercaseName.utf8Start
        for index in 0..<count where lowercasedASCII(self.name[index]) != literal[index] { return false }
        return true
    }

    /// Builds a field from a milter's name and (possibly folded) value.
    init(name: some Sequence<UInt8>, foldedValue: some Sequence<UInt8>, maxBytes: Int) {
        self.name = Array(name)
        var value = [UInt8]()
        for byte in foldedValue where byte != 0x0D && byte != 0x0A {
            if value.count >= maxBytes { break }
            value.append(byte)
        }
        self.value = trimmedWhiteSpace(value)
    }

    init(name: [UInt8], value: [UInt8]) {
        self.name = name
        self.value = value
    }
}

/// Collects the lines of one header section into fields, unfolding continuation lines, within caps.
struct HeaderSectionCollector: Sendable {
    private(set) var fields: [RawHeaderField] = []
    private var current: [UInt8] = []
    private var hasCurrent = false
    let maxFields: Int
    let maxFieldBytes: Int
    /// Fields or bytes were dropped because of the caps.
    private(set) var overflowed = false

    init(maxFields: Int, maxFieldBytes: Int) {
        self.maxFields = maxFields
        self.maxFieldBytes = maxFieldBytes
    }

    /// True when `line` (no line terminator) can continue the section: a field, or a continuation.
    /// Mirrors Python's `headerRE`: `From `, a name of printable characters then `:`, or leading white space.
    static func isHeaderLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.first else { return false }
        if first == 0x20 || first == 0x09 { return true }
        for byte in line {
            if byte == UInt8(ascii: ":") { return true }
            if byte < 0x21 || byte > 0x7E { break }
        }
        if line.count >= 5 && line[0] == 0x46 && line[1] == 0x72 && line[2] == 0x6F && line[3] == 0x6D
            && line[4] == 0x20
        {
            return true
        }
        return false
    }

    /// Adds one line of the section (no line terminator); the caller checked ``isHeaderLine(_:)``.
    mutating func add(_ line: UnsafeBufferPointer<UInt8>) {
        guard let first = line.first else { return }
        if first == 0x20 || first == 0x09 {
            // Continuation: unfolding keeps the white space, drops the line break.
            guard self.hasCurrent else { return }
            let room = self.maxFieldBytes - self.current.count
            if room <= 0 {
                self.overflowed = true
                return
            }
            if line.count > room { self.overflowed = true }
            self.current.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<min(room, line.count)]))
            return
        }
        self.complete()
        if self.fields.count >= self.maxFields {
            self.overflowed = true
            return
        }
        self.hasCurrent = true
        if line.count > self.maxFieldBytes { self.overflowed = true }
        self.current.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<min(self.maxFieldBytes, line.count)]))
    }

    /// Ends the section and returns its fields.
    mutating func finish() -> [RawHeaderField] {
        self.complete()
        let fields = self.fields
        self.fields = []
        return fields
    }

    private mutating func complete() {
        guard self.hasCurrent else { return }
        self.hasCurrent = false
        defer { self.current.removeAll(keepingCapacity: true) }
        guard let colon = self.current.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = trimmedWhiteSpace(Array(self.current[..<colon]))
        let value = trimmedWhiteSpace(Array(self.current[(colon + 1)...]))
        self.fields.append(RawHeaderField(name: name, value: value))
    }
}

func trimmedWhiteSpace(_ bytes: [UInt8]) -> [UInt8] {
    var start = 0
    var end = bytes.count
    while start < end && isWhiteSpace(bytes[start]) { start += 1 }
    while end > start && isWhiteSpace(bytes[end - 1]) { end -= 1 }
    if start == 0 && end == bytes.count { return bytes }
    return Array(bytes[start..<end])
}
