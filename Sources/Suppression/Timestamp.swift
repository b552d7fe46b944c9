import Foundation

/// Parses the timestamps found in ESP exports and on the command line, without a formatter
/// (imports parse millions of them).
///
/// Accepted: Unix seconds (or milliseconds, when 13 digits); ISO 8601 / SQL
/// (`2024-05-01`, `2024-05-01 10:22:33`, `2024-05-01T10:22:33.120+02:00`, zone optional = UTC);
/// RFC 2822 (`Fri, 21 Oct 2011 11:02:55 UTC`, `21 Oct 2011 11:02:55 +0200`).
public enum Timestamp {
    /// The date `text` denotes, or nil.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.trimmingSpaces().utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let value = Int64(String(decoding: bytes, as: UTF8.self)) else { return nil }
            return Date(timeIntervalSince1970: TimeInterval(bytes.count >= 13 ? value / 1000 : value))
        }
        var reader = Reader(bytes: bytes)
        if bytes.count >= 10 && bytes[4] == UInt8(ascii: "-") {
            return self.iso(&reader)
        }
        return self.rfc2822(&reader)
    }

    private static func iso(_ reader: inout Reader) -> Date? {
        guard let year = reader.number(digits: 4), reader.skip("-"), let month = reader.number(digits: 2),
            reader.skip("-"), let day = reader.number(digits: 2)
        else { return nil }
        var seconds: Int64 = 0
        if reader.skip("T") || reader.skip("t") || reader.skip(" ") {
            guard let time = self.time(&reader) else { return nil }
            seconds = time
        }
        reader.skipSpaces()
        guard let offset = self.zone(&reader), reader.atEnd else { return nil }
        return self.date(year: year, month: month, day: day, seconds: seconds - offset)
    }

    private static func rfc2822(_ reader: inout Reader) -> Date? {
        if let comma = reader.bytes.firstIndex(of: UInt8(ascii: ",")) {
            reader.position = comma + 1
        }
        reader.skipSpaces()
        guard let day = reader.number(maxDigits: 2) else { return nil }
        reader.skipSpaces()
        guard let month = reader.monthName() else { return nil }
        reader.skipSpaces()
        guard let year = reader.number(digits: 4) else { return nil }
        reader.skipSpaces()
        guard let time = self.time(&reader) else { return nil }
        reader.skipSpaces()
        guard let offset = self.zone(&reader) else { return nil }
        reader.skipSpaces()
        if reader.skip("(") {  // "+0000 (UTC)"
            reader.position = reader.bytes.count
        }
        guard reader.atEnd else { return nil }
        return self.date(year: year, month: month, day: day, seconds: time - offset)
    }

    /// `HH:MM[:SS[.fraction]]` as seconds since midnight.
    private static func time(_ reader: inout Reader) -> Int64? {
        guard let hour = reader.number(digits: 2), reader.skip(":"), let minute = reader.number(digits: 2) else {
            return nil
        }
        var second = 0
        if reader.skip(":") {
            guard let value = reader.number(digits: 2) else { return nil }
            second = value
        }
        if reader.skip(".") || reader.skip(",") {
            while !reader.atEnd && reader.peekDigit {
                reader.position += 1
            }
        }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        return Int64(hour * 3600 + minute * 60 + second)
    }

    /// Zone offset in seconds east of UTC; an absent zone is UTC.
    private static func zone(_ reader: inout Reader) -> Int64? {
        if reader.atEnd || reader.peek == UInt8(ascii: "(") {
            return 0
        }
        for name in ["Z", "z", "UTC", "GMT", "UT"] where reader.skip(name) {
            return 0
        }
        let sign: Int64
        if reader.skip("+") {
            sign = 1
        } else if reader.skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = reader.number(digits: 2) else { return nil }
        _ = reader.skip(":")
        let minutes = reader.number(digits: 2) ?? 0
        return sign * Int64(hours * 3600 + minutes * 60)
    }

    /// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    private static func date(year: Int, month: Int, day: Int, seconds: Int64) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + seconds))
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { self.position >= self.bytes.count }
        var peek: UInt8? { self.atEnd ? nil : self.bytes[self.position] }
        var peekDigit: Bool { self.peek.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

        mutating func skip(_ literal: String) -> Bool {
            let literal = Array(literal.utf8)
            guard self.position + literal.count <= self.bytes.count,
                self.bytes[self.position..<(self.position + literal.count)].elementsEqual(literal)
            else { return false }
            self.position += literal.count
            return true
        }

        mutating func skipSpaces() {
            while self.peek == 0x20 || self.peek == 0x09 {
                self.position += 1
            }
        }

        mutating func number(digits: Int) -> Int? {
            guard self.position + digits <= self.bytes.count else { return nil }
            var value = 0
            for byte in self.bytes[self.position..<(self.position + digits)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            self.position += digits
            return value
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maxDigits, self.peekDigit {
                value = value * 10 + Int(self.bytes[self.position] - 0x30)
                self.position += 1
                count += 1
            }
            return count > 0 ? value : nil
        }

        mutating func monthName() -> Int? {
            guard self.position + 3 <= self.bytes.count else { return nil }
            let name = String(decoding: self.bytes[self.position..<(self.position + 3)], as: UTF8.self).lowercased()
            let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            guard let index = months.firstIndex(of: name) else { return nil }
            self.position += 3
            return index + 1
        }
    }
}
