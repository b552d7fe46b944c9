import CMilter

/// Protocol steps negotiated with the MTA (libmilter's `SMFIP_*`): which events it must not send
/// (`no*`) and which events it must not wait for a reply to (`noReply*`).
public struct MilterProtocolOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt

    public init(rawValue: UInt) {
        self.rawValue = rawValue
    }

    public static let noConnect = Self(rawValue: UInt(SMFIP_NOCONNECT))
    public static let noHelo = Self(rawValue: UInt(SMFIP_NOHELO))
    public static let noMail = Self(rawValue: UInt(SMFIP_NOMAIL))
    public static let noRecipient = Self(rawValue: UInt(SMFIP_NORCPT))
    public static let noBody = Self(rawValue: UInt(SMFIP_NOBODY))
    public static let noHeaders = Self(rawValue: UInt(SMFIP_NOHDRS))
    public static let noEndOfHeaders = Self(rawValue: UInt(SMFIP_NOEOH))
    public static let noUnknown = Self(rawValue: UInt(SMFIP_NOUNKNOWN))
    public static let noData = Self(rawValue: UInt(SMFIP_NODATA))

    public static let noReplyConnect = Self(rawValue: UInt(SMFIP_NR_CONN))
    public static let noReplyHelo = Self(rawValue: UInt(SMFIP_NR_HELO))
    public static let noReplyMail = Self(rawValue: UInt(SMFIP_NR_MAIL))
    public static let noReplyRecipient = Self(rawValue: UInt(SMFIP_NR_RCPT))
    public static let noReplyData = Self(rawValue: UInt(SMFIP_NR_DATA))
    public static let noReplyUnknown = Self(rawValue: UInt(SMFIP_NR_UNKN))
    public static let noReplyEndOfHeaders = Self(rawValue: UInt(SMFIP_NR_EOH))
    public static let noReplyBody = Self(rawValue: UInt(SMFIP_NR_BODY))
    public static let noReplyHeader = Self(rawValue: UInt(SMFIP_NR_HDR))
}
