/// A custom SMTP reply sent with a reject or tempfail verdict: one line or several (up to 32).
public struct MilterReply: Sendable, Hashable {
    /// The most lines libmilter accepts in one reply.
    public static let maximumLines = 32

    /// The SMTP code, e.g. `"550"`. Must be 5xx with a reject and 4xx with a tempfail.
    public var code: String
    /// The enhanced status code, e.g. `"5.7.1"`, or nil for none.
    public var extendedCode: String?
    /// The text lines. CR and LF are removed and `%` is escaped when the reply is sent.
    public var lines: [String]

    public init(code: String, extendedCode: String? = nil, lines: [String]) {
        self.code = code
        self.extendedCode = extendedCode
        self.lines = lines
    }

    public init(code: String, extendedCode: String? = nil, text: String) {
        self.init(code: code, extendedCode: extendedCode, lines: [text])
    }

    /// Whether this reply can go with a verdict of the given SMTP class (4 for tempfail, 5 for reject):
    /// a 3-digit code of that class, an enhanced code of the same class, and 1 to 32 lines.
    func isValid(forClass smtpClass: Character) -> Bool {
        let digits = Array(self.code)
        guard digits.count == 3, digits[0] == smtpClass, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return false
        }
        if let extended = self.extendedCode {
            let parts = extended.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == Substring(String(smtpClass)),
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else {
                return false
            }
        }
        return !self.lines.isEmpty && self.lines.count <= Self.maximumLines
    }

    /// The lines as libmilter must receive them: no CR or LF (they make the call fail) and `%` doubled
    /// (libmilter treats the text as a format and ignores it on a lone `%`).
    var sanitizedLines: [String] {
        self.lines.map { line in
            var out = ""
            out.reserveCapacity(line.utf8.count)
            for character in line {
                switch character {
                case "\r", "\n", "\r\n": out.append(" ")
                case "%": out.append("%%")
                default: out.append(character)
                }
            }
            return out
        }
    }
}
