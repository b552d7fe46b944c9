import Foundation
import Testing

@testable import Suppression

@Suite struct TimestampTests {
    static let cases: [(String, Int64?)] = [
        ("1706745600", 1_706_745_600),
        ("1706745600123", 1_706_745_600),
        ("2024-02-01", 1_706_745_600),
        ("2024-02-01 00:00:00", 1_706_745_600),
        ("2024-02-01T00:00:00Z", 1_706_745_600),
        ("2024-02-01T01:30:00+01:30", 1_706_745_600),
        ("2024-01-31T19:00:00.250-05:00", 1_706_745_600),
        ("2024-02-01T00:00:00 UTC", 1_706_745_600),
        ("Thu, 01 Feb 2024 00:00:00 UTC", 1_706_745_600),
        ("Thu, 01 Feb 2024 01:00:00 +0100", 1_706_745_600),
        ("1 Feb 2024 00:00:00 GMT", 1_706_745_600),
        ("Thu, 01 Feb 2024 00:00:00 +0000 (UTC)", 1_706_745_600),
        ("2000-02-29T12:00:00Z", 951_825_600),
        ("1969-12-31T23:59:59Z", -1),
        ("", nil),
        ("yesterday", nil),
        ("2024-13-01", nil),
        ("2024-02-01T25:00:00Z", nil),
        ("2024-02-01T00:00:00Q", nil),
        ("Thu, 01 Foo 2024 00:00:00 UTC", nil),
    ]

    @Test(arguments: cases)
    func parses(_ text: String, _ expected: Int64?) {
        #expect(Timestamp.parse(text).map { Int64($0.timeIntervalSince1970) } == expected)
    }
}
