/// The body of one leaf entity while it streams in: transfer decoding, and the decoded bytes kept for
/// text parts (up to a cap) or only counted for attachments.
struct LeafPart: Sendable {
    enum TransferDecoder: Sendable {
        case identity
        case base64(Base64Decoder)
        case quotedPrintable(QuotedPrintableDecoder)
    }

    let info: PartInfo
    /// Set for `text/plain` and `text/html` parts that are not attachments.
    let textKind: ScannedMessage.TextPart.Kind?
    private var decoder: TransferDecoder
    /// Decoded bytes (text parts only), at most `maxKeptBytes`.
    private(set) var decoded: [UInt8] = []
    private var scratch: [UInt8] = []
    /// Decoded size in bytes.
    private(set) var size = 0
    private let maxKeptBytes: Int
    private(set) var truncated = false

    init(info: PartInfo, maxKeptBytes: Int) {
        self.info = info
        self.maxKeptBytes = maxKeptBytes
        switch info.contentType {
        case "text/plain" where !info.isAttachment: self.textKind = .plain
        case "text/html" where !info.isAttachment: self.textKind = .html
        default: self.textKind = nil
        }
        switch info.transferEncoding {
        case "base64": self.decoder = .base64(Base64Decoder())
        case "quoted-printable": self.decoder = .quotedPrintable(QuotedPrintableDecoder())
        default: self.decoder = .identity
        }
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        let keep = self.textKind != nil && self.decoded.count < self.maxKeptBytes
        var output = keep ? self.decoded : self.scratch
        if keep { self.decoded = [] } else { self.scratch = [] }
        let before = output.count
        switch self.decoder {
        case .identity:
            output.append(contentsOf: bytes)
        case .base64(var decoder):
            decoder.decode(bytes, into: &output)
            self.decoder = .base64(decoder)
        case .quotedPrintable(var decoder):
            decoder.decode(bytes, into: &output)
            self.decoder = .quotedPrintable(decoder)
        }
        self.size += output.count - before
        if keep {
            if output.count > self.maxKeptBytes {
                output.removeSubrange(self.maxKeptBytes...)
                self.truncated = true
            }
            self.decoded = output
        } else {
            if self.textKind != nil { self.truncated = true }
            output.removeAll(keepingCapacity: true)
            self.scratch = output
        }
    }

    /// Flushes the decoder; returns true when the encoding was damaged.
    mutating func finish() -> Bool {
        var tail: [UInt8] = []
        var damaged = false
        switch self.decoder {
        case .identity:
            break
        case .base64(var decoder):
            decoder.finish(into: &tail)
            damaged = decoder.sawDamage
            self.decoder = .base64(decoder)
        case .quotedPrintable(var decoder):
            decoder.finish(into: &tail)
            damaged = decoder.sawDamage
            self.decoder = .quotedPrintable(decoder)
        }
        self.size += tail.count
        if self.textKind != nil {
            let room = max(0, self.maxKeptBytes - self.decoded.count)
            self.decoded.append(contentsOf: tail.prefix(room))
            if tail.count > room { self.truncated = true }
        }
        return damaged
    }
}
