/// Bounds on what one scan may consume, so memory stays bounded whatever the input.
///
/// Every cap is deterministic in the input (never in how it was chunked), so a message scanned whole
/// and a message scanned in 1-byte chunks give the same ``ScannedMessage``.
public struct ScanLimits: Sendable, Hashable {
    /// Raw bytes scanned at most (headers and body); past it the result is marked `truncated`.
    public var maxScannedBytes: Int
    /// MIME parts (leaves and containers) considered at most; later parts are skipped.
    public var maxParts: Int
    /// Nesting depth of multiparts and attached messages; deeper content is skipped.
    public var maxDepth: Int
    /// Header fields kept per message (top level) and read per part.
    public var maxHeaders: Int
    /// Bytes kept of one unfolded header field.
    public var maxHeaderBytes: Int
    /// Decoded bytes kept of one text part (the charset conversion and HTML pass run on at most this).
    public var maxTextPartBytes: Int
    /// Links and images kept per message.
    public var maxLinks: Int

    public init(
        maxScannedBytes: Int = 2 * 1024 * 1024,
        maxParts: Int = 500,
        maxDepth: Int = 20,
        maxHeaders: Int = 1000,
        maxHeaderBytes: Int = 16 * 1024,
        maxTextPartBytes: Int = 1024 * 1024,
        maxLinks: Int = 2000
    ) {
        self.maxScannedBytes = maxScannedBytes
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxHeaders = maxHeaders
        self.maxHeaderBytes = maxHeaderBytes
        self.maxTextPartBytes = maxTextPartBytes
        self.maxLinks = maxLinks
    }
}
