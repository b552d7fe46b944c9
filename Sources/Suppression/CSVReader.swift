/// A small RFC 4180 reader over bytes: quoted fields with `""` escapes, CRLF or LF line ends,
/// line breaks inside quotes, and a delimiter of `,`, `;` or tab. It yields one record at a time
/// as byte ranges, so a 10-million-line import allocates only for the fields it keeps.
struct CSVReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    private(set) var position = 0
    /// The 1-based physical line the last record started on.
    private(set) var recordLine = 0
    private var nextLine = 1
    /// Unescaped field contents of the last record (reused between records).
    private(set) var fields: [[UInt8]] = []
    private var fieldCount = 0

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        // A UTF-8 byte order mark (Excel writes one) is not part of the first field.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            self.position = 3
        }
    }

    /// The fields of the last record.
    var count: Int { self.fieldCount }

    subscript(index: Int) -> [UInt8] {
        index < self.fieldCount ? self.fields[index] : []
    }

    func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// Reads the next record; false at the end of input. Throws on an unterminated quote.
    mutating func next() throws(CSVError) -> Bool {
        guard self.position < self.bytes.count else { return false }
        self.recordLine = self.nextLine
        self.fieldCount = 0
        while true {
            let ended = try self.readField()
            if ended {
                return true
            }
        }
    }

    /// Reads one field into `fields[fieldCount]`; returns whether the record ended after it.
    private mutating func readField() throws(CSVError) -> Bool {
        if self.fieldCount == self.fields.count {
            self.fields.append([])
        }
        let slot = self.fieldCount
        self.fieldCount += 1
        self.fields[slot].removeAll(keepingCapacity: true)
        let bytes = self.bytes
        if self.position < bytes.count && bytes[self.position] == UInt8(ascii: "\"") {
            let startLine = self.nextLine
            self.position += 1
            while true {
                guard self.position < bytes.count else {
                    throw CSVError(line: startLine, message: "unterminated quoted field")
                }
                let byte = bytes[self.position]
                self.position += 1
                if byte == UInt8(ascii: "\"") {
                    if self.position < bytes.count && bytes[self.position] == UInt8(ascii: "\"") {
                        self.fields[slot].append(byte)
                        self.position += 1
                        continue
                    }
                    break
                }
                if byte == 0x0A {
                    self.nextLine += 1
                }
                self.fields[slot].append(byte)
            }
            // Anything between the closing quote and the delimiter is kept (lenient, like Excel).
        }
        while self.position < bytes.count {
            let byte = bytes[self.position]
            self.position += 1
            if byte == self.delimiter {
                return false
            }
            if byte == 0x0A {
                self.nextLine += 1
                if self.fields[slot].last == 0x0D {
                    self.fields[slot].removeLast()
                }
                return true
            }
            self.fields[slot].append(byte)
        }
        if self.fields[slot].last == 0x0D {
            self.fields[slot].removeLast()
        }
        return true
    }

    /// The delimiter of a header line: the most frequent of `,`, `;` and tab outside quotes.
    static func detectDelimiter(_ line: some Sequence<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var inQuotes = false
        for byte in line {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes, counts[byte] != nil {
                counts[byte, default: 0] += 1
            }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != UInt8(ascii: ",")) }
        return (best?.value ?? 0) > 0 ? best!.key : UInt8(ascii: ",")
    }
}

/// A CSV syntax error at a line.
struct CSVError: Error {
    var line: Int
    var message: String
}
