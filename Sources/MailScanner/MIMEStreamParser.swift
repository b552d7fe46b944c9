/// The body of a message as a stream of lines, cut into MIME entities (RFC 2046): multipart boundaries
/// (outer ones recognised at any inner depth, as RFC 2046 section 5.1.2 asks), preambles and epilogues,
/// attached messages, and leaves whose decoded content goes to a ``LeafPart``.
///
/// Lines are handled in place when a chunk holds them whole and copied only when they straddle chunks.
/// Every decision depends on line content, never on chunk edges, so any chunking gives the same result.
struct MIMEStreamParser: Sendable {
    private struct Frame: Sendable {
        var boundary: [UInt8]
        /// Depth of the multipart entity itself.
        var depth: Int
        var isDigest: Bool
    }

    private enum Mode: Sendable {
        case headers
        case leaf
        case skip
    }

    /// Longest line (without terminator) that may be a boundary or a whole header line.
    static let maxLineBytes = 8 * 1024

    let limits: ScanLimits
    private var frames: [Frame] = []
    private var mode = Mode.headers
    private var headerSection: HeaderSectionCollector
    private var inRootHeaders = true
    private var sawFirstLine = false
    private var partDepth = 0
    private var defaultType = "text/plain"
    private var leaf: LeafPart?
    /// The line terminator held back from the leaf: it belongs to a boundary if one follows.
    private var pendingNewline: UInt8 = 0  // 0 none, 1 LF, 2 CRLF
    private var lineBuffer: [UInt8] = []
    /// The current line was too long to be a boundary; its bytes go straight through.
    private var passthrough = false
    /// In header mode, the current line overflowed: its tail is dropped.
    private var droppingLineTail = false
    private var partCount = 1

    /// Fields of the top-level header section when it came through ``feed(_:)``.
    private(set) var rootFields: [RawHeaderField]? = nil
    /// Leaves finished so far, in document order.
    private(set) var finishedLeaves: [LeafPart] = []
    private(set) var malformed = false
    private(set) var limitsReached = false

    init(limits: ScanLimits) {
        self.limits = limits
        self.headerSection = HeaderSectionCollector(maxFields: limits.maxHeaders, maxFieldBytes: limits.maxHeaderBytes)
    }

    /// Top-level fields given one by one (the milter path).
    private(set) var milterRootFields: [RawHeaderField] = []

    /// Starts with the body, the top-level headers having come one by one (the milter path).
    mutating func beginBody(rootFields: [RawHeaderField]) {
        self.inRootHeaders = false
        self.sawFirstLine = true
        self.milterRootFields = rootFields
        self.beginBody(fields: rootFields)
    }

    /// Takes the leaves finished so far (the caller turns them into results as the stream goes).
    mutating func takeFinishedLeaves() -> [LeafPart] {
        defer { self.finishedLeaves.removeAll(keepingCapacity: true) }
        return self.finishedLeaves
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        var start = 0
        let count = chunk.count
        while start < count {
            let newline = firstIndex(of: 0x0A, in: chunk, from: start)
            let hasNewline = newline < count
            let segment = UnsafeBufferPointer(rebasing: chunk[start..<newline])
            start = newline + 1
            if self.passthrough {
                self.passthroughSegment(segment, lineEnds: hasNewline)
                continue
            }
            if self.lineBuffer.isEmpty && !self.droppingLineTail {
                if hasNewline {
                    self.handleLine(segment, terminated: true)
                } else {
                    self.bufferPartialLine(segment)
                }
                continue
            }
            self.bufferPartialLine(segment)
            guard hasNewline else { continue }
            if self.passthrough {
                // This very segment took the line over the cap and also ends it: the bytes went
                // out as passthrough, so end the line as passthrough does. (Flushing it as a
                // buffered line left passthrough on, and the next line, a boundary, went to the
                // leaf as data: a result that depended on where the chunks fell. Fuzz finding.)
                self.passthroughSegment(UnsafeBufferPointer(rebasing: chunk[newline..<newline]), lineEnds: true)
            } else {
                self.flushBufferedLine(terminated: true)
            }
        }
    }

    /// Ends the stream: the last line without terminator, then every open entity.
    mutating func finish() {
        if self.passthrough {
            if !self.lineBuffer.isEmpty {
                self.lineBuffer.withUnsafeBufferPointer { self.leaf?.write($0) }
                self.lineBuffer.removeAll()
            }
            self.passthrough = false
        } else if !self.lineBuffer.isEmpty || self.droppingLineTail {
            self.flushBufferedLine(terminated: false)
        }
        if self.mode == .headers { self.beginBody(fields: self.headerSection.finish()) }
        self.finishLeaf()
        if !self.frames.isEmpty { self.malformed = true }
        self.frames.removeAll()
    }

    // MARK: - Lines

    private mutating func bufferPartialLine(_ segment: UnsafeBufferPointer<UInt8>) {
        if self.droppingLineTail { return }
        self.lineBuffer.append(contentsOf: segment)
        // Two bytes over the cap: the line (even less a CR) cannot be a boundary or a whole header line.
        guard self.lineBuffer.count > Self.maxLineBytes + 1 else { return }
        if self.mode == .headers {
            self.droppingLineTail = true
        } else {
            self.passthrough = true
            self.emitPendingNewline()
            let keepCR = self.lineBuffer.last == 0x0D
            let end = self.lineBuffer.count - (keepCR ? 1 : 0)
            if self.mode == .leaf {
                self.lineBuffer.withUnsafeBufferPointer { self.leaf?.write(UnsafeBufferPointer(rebasing: $0[0..<end])) }
            }
            self.lineBuffer.removeAll(keepingCapacity: true)
            if keepCR { self.lineBuffer.append(0x0D) }
        }
    }

    private mutating func flushBufferedLine(terminated: Bool) {
        var line = self.lineBuffer
        self.lineBuffer = []
        let overlong = self.droppingLineTail
        self.droppingLineTail = false
        if overlong && line.count > Self.maxLineBytes + 1 { line.removeSubrange((Self.maxLineBytes + 1)...) }
        line.withUnsafeBufferPointer { self.handleLine($0, terminated: terminated, overlong: overlong) }
        line.removeAll(keepingCapacity: true)
        self.lineBuffer = line
    }

    /// A piece of an over-long body line: straight to the leaf, holding back a CR that may end it.
    private mutating func passthroughSegment(_ segment: UnsafeBufferPointer<UInt8>, lineEnds: Bool) {
        var held = self.lineBuffer
        self.lineBuffer = []
        held.append(contentsOf: segment)
        var end = held.count
        var crlf = false
        if lineEnds {
            if end > 0 && held[end - 1] == 0x0D {
                end -= 1
                crlf = true
            }
        } else if end > 0 && held[end - 1] == 0x0D {
            end -= 1
        }
        if self.mode == .leaf && end > 0 {
            held.withUnsafeBufferPointer { self.leaf?.write(UnsafeBufferPointer(rebasing: $0[0..<end])) }
        }
        if lineEnds {
            self.passthrough = false
            self.pendingNewline = crlf ? 2 : 1
            held.removeAll(keepingCapacity: true)
        } else {
            held.removeSubrange(0..<end)
        }
        self.lineBuffer = held
    }

    /// One line; `overlong` when its tail was dropped (header mode), so it cannot be a boundary.
    private mutating func handleLine(_ raw: UnsafeBufferPointer<UInt8>, terminated: Bool, overlong: Bool = false) {
        var line = raw
        var crlf = false
        if terminated, let last = line.last, last == 0x0D {
            line = UnsafeBufferPointer(rebasing: line[0..<(line.count - 1)])
            crlf = true
        }
        if !overlong && line.count >= 2 && line[0] == UInt8(ascii: "-") && line[1] == UInt8(ascii: "-")
            && !self.frames.isEmpty
            && line.count <= Self.maxLineBytes, let (frameIndex, isClose) = self.matchBoundary(line)
        {
            self.handleBoundary(frameIndex: frameIndex, isClose: isClose)
            return
        }
        switch self.mode {
        case .headers:
            if !self.sawFirstLine {
                self.sawFirstLine = true
                // An mbox `From ` envelope line before the headers is not a header.
                if self.inRootHeaders && line.count >= 5 && line[0] == 0x46 && line[1] == 0x72 && line[2] == 0x6F
                    && line[3] == 0x6D && line[4] == 0x20
                {
                    return
                }
            }
            if line.isEmpty {
                self.endHeaderSection()
                return
            }
            // Header lines count only up to the cap, however they were chunked.
            let capped = UnsafeBufferPointer(rebasing: line[0..<min(line.count, Self.maxLineBytes)])
            if HeaderSectionCollector.isHeaderLine(capped) {
                self.headerSection.add(capped)
                return
            }
            // No blank line before the body: the section ends here and this line is body.
            self.malformed = true
            self.endHeaderSection()
            // Keep exactly what the buffered path keeps of an over-long line.
            let kept = UnsafeBufferPointer(rebasing: raw[0..<min(raw.count, Self.maxLineBytes + 1)])
            self.handleLine(kept, terminated: terminated, overlong: overlong || raw.count > Self.maxLineBytes + 1)
        case .leaf:
            self.emitPendingNewline()
            self.leaf?.write(line)
            self.pendingNewline = terminated ? (crlf ? 2 : 1) : 0
        case .skip:
            break
        }
    }

    private mutating func emitPendingNewline() {
        guard self.pendingNewline != 0, self.mode == .leaf else {
            self.pendingNewline = 0
            return
        }
        let bytes: StaticString = self.pendingNewline == 2 ? "\r\n" : "\n"
        self.leaf?.write(UnsafeBufferPointer(start: bytes.utf8Start, count: bytes.utf8CodeUnitCount))
        self.pendingNewline = 0
    }

    /// `--boundary` or `--boundary--`, then only white space; the innermost matching frame wins.
    private func matchBoundary(_ line: UnsafeBufferPointer<UInt8>) -> (Int, Bool)? {
        for frameIndex in self.frames.indices.reversed() {
            let boundary = self.frames[frameIndex].boundary
            guard line.count >= boundary.count + 2 else { continue }
            var matches = true
            for offset in 0..<boundary.count where line[offset + 2] != boundary[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            var rest = boundary.count + 2
            var isClose = false
            if rest + 2 <= line.count && line[rest] == UInt8(ascii: "-") && line[rest + 1] == UInt8(ascii: "-") {
                isClose = true
                rest += 2
            }
            while rest < line.count && (line[rest] == 0x20 || line[rest] == 0x09) { rest += 1 }
            if rest == line.count { return (frameIndex, isClose) }
        }
        return nil
    }

    // MARK: - Entities

    private mutating func handleBoundary(frameIndex: Int, isClose: Bool) {
        if self.mode == .headers {
            // A part that ends inside its header section has headers and an empty body.
            self.beginBody(fields: self.headerSection.finish())
        }
        self.pendingNewline = 0
        self.finishLeaf()
        if frameIndex < self.frames.count - 1 {
            // Inner multiparts left open.
            self.malformed = true
            self.frames.removeSubrange((frameIndex + 1)...)
        }
        let frame = self.frames[frameIndex]
        if isClose {
            self.frames.removeLast()
            self.mode = .skip  // the epilogue
            self.partDepth = frame.depth
            return
        }
        self.partCount += 1
        if self.partCount > self.limits.maxParts {
            self.limitsReached = true
            self.mode = .skip
            return
        }
        self.mode = .headers
        self.inRootHeaders = false
        self.partDepth = frame.depth + 1
        self.defaultType = frame.isDigest ? "message/rfc822" : "text/plain"
    }

    private mutating func endHeaderSection() {
        let fields = self.headerSection.finish()
        if self.headerSection.overflowed { self.limitsReached = true }
        if self.inRootHeaders {
            self.rootFields = fields
            self.inRootHeaders = false
        }
        self.beginBody(fields: fields)
    }

    private mutating func beginBody(fields: [RawHeaderField]) {
        if self.inRootHeaders {
            self.rootFields = fields
            self.inRootHeaders = false
        }
        let info = PartInfo(fields: fields, defaultType: self.defaultType)
        self.pendingNewline = 0
        switch info.mainType {
        case "multipart":
            guard let boundary = info.boundary else {
                // No boundary: nothing can be found inside (Python keeps it as one opaque payload).
                self.malformed = true
                self.mode = .skip
                return
            }
            guard self.partDepth < self.limits.maxDepth else {
                self.limitsReached = true
                self.mode = .skip
                return
            }
            self.frames.append(
                Frame(boundary: boundary, depth: self.partDepth, isDigest: info.contentType == "multipart/digest")
            )
            self.mode = .skip  // the preamble
        case "message" where info.contentType != "message/delivery-status":
            guard self.partDepth < self.limits.maxDepth else {
                self.limitsReached = true
                self.mode = .skip
                return
            }
            self.partCount += 1
            guard self.partCount <= self.limits.maxParts else {
                self.limitsReached = true
                self.mode = .skip
                return
            }
            // An attached message: its own header section starts right away.
            self.partDepth += 1
            self.defaultType = "text/plain"
            self.mode = .headers
        default:
            self.leaf = LeafPart(info: info, maxKeptBytes: self.limits.maxTextPartBytes)
            self.mode = .leaf
        }
    }

    private mutating func finishLeaf() {
        guard var leaf = self.leaf else { return }
        self.leaf = nil
        if leaf.finish() { self.malformed = true }
        self.finishedLeaves.append(leaf)
        if self.mode == .leaf { self.mode = .skip }
    }
}
