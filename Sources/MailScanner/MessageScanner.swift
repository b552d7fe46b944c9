/// Streams one message, in the order a milter sees it, into a ``ScannedMessage``.
///
/// Two ways in: `consumeRaw(_:)` with the raw RFC 5322 bytes (a file), or
/// `header(name:value:)` for each header, `endOfHeaders()`, then `body(_:)` chunks (a milter).
/// Then `finish()`.
public struct MessageScanner: Sendable {
    public var limits: ScanLimits
    private var message = ScannedMessage()

    public init(limits: ScanLimits = ScanLimits()) {
        self.limits = limits
    }

    /// Feeds raw message bytes (headers then body), in any chunking.
    public mutating func consumeRaw(_ bytes: some Sequence<UInt8>) {
        // Placeholder until the scanner issue lands.
        self.message.scannedBytes += bytes.underestimatedCount
    }

    /// One header as a milter delivers it: name and value, folding kept.
    public mutating func header(name: String, value: String) {
        self.message.headers.append(.init(name: name, rawValue: value, value: value))
    }

    public mutating func endOfHeaders() {}

    /// One chunk of the body (after the blank line), in any chunking.
    public mutating func body(_ chunk: some Sequence<UInt8>) {}

    public mutating func finish() -> ScannedMessage {
        self.message
    }

    /// Scans a whole raw message at once.
    public static func scan(_ raw: some Sequence<UInt8>, limits: ScanLimits = ScanLimits()) -> ScannedMessage {
        var scanner = MessageScanner(limits: limits)
        scanner.consumeRaw(raw)
        return scanner.finish()
    }
}

/// Bounds on what one scan may consume.
public struct ScanLimits: Sendable, Hashable {
    /// Raw bytes scanned at most (headers and body); past it the result is marked `truncated`.
    public var maxScannedBytes: Int

    public init(maxScannedBytes: Int = 2 * 1024 * 1024) {
        self.maxScannedBytes = maxScannedBytes
    }
}
