/// The period a report covers: records with `since <= time < until`, in UTC.
///
/// Audit times are RFC 3339 UTC with milliseconds, all of one width, so that the bounds are
/// compared as text once written the same way: no calendar arithmetic, no time zone.
public struct AuditPeriod: Sendable, Hashable, Codable {
    /// Inclusive, canonical (`2026-11-01T00:00:00.000Z`); nil for "from the start".
    public var since: String?
    /// Exclusive, canonical; nil for "to the end".
    public var until: String?

    public init(since: String? = nil, until: String? = nil) {
        self.since = since
        self.until = until
    }

    /// Parses the command line's bounds: `2026-11-01`, `2026-11-01T08:00:00Z` or with milliseconds.
    public init(sinceText: String?, untilText: String?) throws(AuditReportError) {
        self.since = try sinceText.map { text throws(AuditReportError) in try Self.canonical(text) }
        self.until = try untilText.map { text throws(AuditReportError) in try Self.canonical(text) }
        if let since = self.since, let until = self.until, since >= until {
            throw AuditReportError("--since must come before --until")
        }
    }

    public func contains(_ time: String) -> Bool {
        if let since = self.since, time < since { return false }
        if let until = self.until, time >= until { return false }
        return true
    }

    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.mmmZ`, as the last form.
    static func canonical(_ text: String) throws(AuditReportError) -> String {
        let digits = Array(text.utf8)
        func isDigits(_ range: Range<Int>) -> Bool { range.allSatisfy { digits[$0] >= 48 && digits[$0] <= 57 } }
        let dateOK =
            digits.count >= 10 && isDigits(0..<4) && digits[4] == 45 && isDigits(5..<7) && digits[7] == 45
            && isDigits(8..<10)
        guard dateOK else {
            throw AuditReportError("'\(text)' is not a UTC time such as 2026-11-01 or 2026-11-01T08:00:00Z")
        }
        if digits.count == 10 {
            return text + "T00:00:00.000Z"
        }
        let timeOK =
            digits.count >= 20 && digits[10] == 84 && isDigits(11..<13) && digits[13] == 58 && isDigits(14..<16)
            && digits[16] == 58 && isDigits(17..<19)
        if timeOK && digits.count == 20 && digits[19] == 90 {
            return String(text.dropLast()) + ".000Z"
        }
        if timeOK && digits.count == 24 && digits[19] == 46 && isDigits(20..<23) && digits[23] == 90 {
            return text
        }
        throw AuditReportError("'\(text)' is not a UTC time such as 2026-11-01 or 2026-11-01T08:00:00Z")
    }
}
