import CMilter

/// The modifications a milter may ask the MTA to make at end of message (libmilter's `SMFIF_*`).
///
/// Negotiated once per connection: the MTA refuses an edit whose action was not agreed on.
public struct MilterActions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt

    public init(rawValue: UInt) {
        self.rawValue = rawValue
    }

    /// Add headers (`smfi_addheader`, `smfi_insheader`).
    public static let addHeaders = Self(rawValue: UInt(SMFIF_ADDHDRS))
    /// Change or delete headers (`smfi_chgheader`).
    public static let changeHeaders = Self(rawValue: UInt(SMFIF_CHGHDRS))
    /// Add envelope recipients (`smfi_addrcpt`).
    public static let addRecipients = Self(rawValue: UInt(SMFIF_ADDRCPT))
    /// Delete envelope recipients (`smfi_delrcpt`).
    public static let deleteRecipients = Self(rawValue: UInt(SMFIF_DELRCPT))
    /// Quarantine the message (Postfix: the hold queue) (`smfi_quarantine`).
    public static let quarantine = Self(rawValue: UInt(SMFIF_QUARANTINE))

    /// Every action this binding knows how to apply; registered with libmilter so that any of them
    /// can be negotiated per connection.
    public static let all: Self = [.addHeaders, .changeHeaders, .addRecipients, .deleteRecipients, .quarantine]
}
