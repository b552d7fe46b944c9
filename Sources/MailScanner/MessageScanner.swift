/// Streams one message, in the order a milter sees it, into a ``ScannedMessage``.
///
/// Two ways in: `consumeRaw(_:)` with the raw RFC 5322 bytes (a file), or
/// `header(name:value:)` for each header, `endOfHeaders()`, then `body(_:)` chunks (a milter).
/// Then `finish()`. Any chunking gives the same result; memory is bounded by ``ScanLimits``.
public struct MessageScanner: Sendable {
    public var limits: ScanLimits
    /// Keep each text part's decoded source (the HTML before text extraction) in `decodedSource`.
    public var keepsDecodedSource = false
    var message = ScannedMessage()
    private var parser: MIMEStreamParser
    private var milterFields: [RawHeaderField] = []
    private var bodyStarted = false
    private var finished = false
    /// The byte limit was reached: later input is ignored (a text part's own cap does not stop the scan).
    private var reachedByteLimit = false

    public init(limits: ScanLimits = ScanLimits()) {
        self.limits = limits
        self.parser = MIMEStreamParser(limits: limits)
    }

    /// Feeds raw message bytes (headers then body), in any chunking.
    public mutating func consumeRaw(_ bytes: some Sequence<UInt8>) {
        self.bodyStarted = true
        self.feed(bytes)
    }

    /// One header as a milter delivers it: name and value, folding kept.
    public mutating func header(name: String, value: String) {
        self.header(name: name, value: value.utf8)
    }

    /// One header as a milter delivers it, the value as the bytes the MTA sent (8-bit bytes are
    /// decoded by the scanner's charset rules, not replaced on the way in).
    public mutating func header(name: String, value: some Collection<UInt8>) {
        guard !self.bodyStarted, !self.reachedByteLimit else { return }
        let size = name.utf8.count + value.count + 4
        guard self.message.scannedBytes + size <= self.limits.maxScannedBytes else {
            self.message.flags.truncated = true
            self.reachedByteLimit = true
            self.message.scannedBytes = self.limits.maxScannedBytes
            return
        }
        self.message.scannedBytes += size
        guard self.milterFields.count < self.limits.maxHeaders else {
            self.message.flags.limitsReached = true
            return
        }
        let field = RawHeaderField(name: name.utf8, foldedValue: value, maxBytes: self.limits.maxHeaderBytes)
        if value.count > self.limits.maxHeaderBytes { self.message.flags.limitsReached = true }
        self.milterFields.append(field)
    }

    /// The end of the header section (the milter's EOH).
    public mutating func endOfHeaders() {
        guard !self.bodyStarted else { return }
        self.bodyStarted = true
        self.message.scannedBytes = min(self.message.scannedBytes + 2, self.limits.maxScannedBytes)
        self.parser.beginBody(rootFields: self.milterFields)
        self.milterFields = []
    }

    /// One chunk of the body (after the blank line), in any chunking.
    public mutating func body(_ chunk: some Sequence<UInt8>) {
        if !self.bodyStarted { self.endOfHeaders() }
        self.feed(chunk)
    }

    public mutating func finish() -> ScannedMessage {
        guard !self.finished else { return self.message }
        self.finished = true
        if !self.bodyStarted {
            if self.milterFields.isEmpty && self.message.scannedBytes == 0 {
                self.bodyStarted = true  // nothing came in at all: an empty raw message
            } else {
                self.endOfHeaders()
            }
        }
        self.parser.finish()
        self.drainParser()
        self.collectHeaders(self.rootFields)
        if self.parser.malformed { self.message.flags.malformed = true }
        if self.parser.limitsReached { self.message.flags.limitsReached = true }
        let hasHTML = self.message.textParts.contains { $0.kind == .html }
        let hasPlain = self.message.textParts.contains { $0.kind == .plain && !$0.text.isEmpty }
        self.message.flags.htmlOnly = hasHTML && !hasPlain
        return self.message
    }

    /// Scans a whole raw message at once.
    public static func scan(_ raw: some Sequence<UInt8>, limits: ScanLimits = ScanLimits()) -> ScannedMessage {
        var scanner = MessageScanner(limits: limits)
        scanner.consumeRaw(raw)
        return scanner.finish()
    }

    private var rootFields: [RawHeaderField] { self.parser.rootFields ?? self.rootFieldsFromMilter }
    private var rootFieldsFromMilter: [RawHeaderField] { self.parser.milterRootFields }

    private mutating func feed(_ bytes: some Sequence<UInt8>) {
        guard !self.reachedByteLimit, !self.finished else { return }
        let room = self.limits.maxScannedBytes - self.message.scannedBytes
        let handled: Int? = bytes.withContiguousStorageIfAvailable { buffer in
            self.feedBuffer(buffer, room: room)
            return buffer.count
        }
        if handled == nil {
            let array = Array(bytes)
            array.withUnsafeBufferPointer { self.feedBuffer($0, room: room) }
        }
    }

    private mutating func feedBuffer(_ buffer: UnsafeBufferPointer<UInt8>, room: Int) {
        var accepted = buffer
        if buffer.count > room {
            accepted = UnsafeBufferPointer(rebasing: buffer[0..<max(0, room)])
            self.message.flags.truncated = true
            self.reachedByteLimit = true
        }
        self.message.scannedBytes += accepted.count
        self.parser.feed(accepted)
        self.drainParser()
    }

    /// Turns leaves finished so far into results, so their bytes are released as the stream goes.
    private mutating func drainParser() {
        for leaf in self.parser.takeFinishedLeaves() { self.collect(leaf) }
    }
}
