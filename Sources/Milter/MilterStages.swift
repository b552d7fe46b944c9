/// The SMTP/milter events before end of message that a session can ask to receive.
///
/// End of message, abort and close are always delivered.
public struct MilterStages: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    public static let connect = Self(rawValue: 1 << 0)
    public static let helo = Self(rawValue: 1 << 1)
    public static let mailFrom = Self(rawValue: 1 << 2)
    public static let recipient = Self(rawValue: 1 << 3)
    public static let data = Self(rawValue: 1 << 4)
    public static let unknown = Self(rawValue: 1 << 5)
    public static let header = Self(rawValue: 1 << 6)
    public static let endOfHeaders = Self(rawValue: 1 << 7)
    public static let body = Self(rawValue: 1 << 8)

    public static let all: Self = [
        .connect, .helo, .mailFrom, .recipient, .data, .unknown, .header, .endOfHeaders, .body,
    ]
}
