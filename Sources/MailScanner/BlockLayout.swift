/// Where the visible text of a part divides into blocks, and which block each link and image is in.
///
/// The extractor records events in document order as it goes: a block boundary (an offset into the
/// visible text), a link, an image. ``blocks(of:images:)`` walks them: each block runs from its boundary
/// to the next and holds the links and images recorded in between, so an image-only table cell is a
/// block of its own even though it adds no text.
struct BlockLayout: Sendable {
    private enum Event {
        case boundary(Int)
        case link(Int)
        case image(Int)
    }

    private var events: [Event] = []
    private var lastBoundary = 0
    private var itemsSinceBoundary = false
    private var boundaries = 1
    /// Bounds memory on hostile input; later boundaries are ignored (the last block grows).
    static let maxBlocks = 4096

    /// A block may end here; ignored when nothing (text, link or image) came since the last one.
    mutating func boundary(at offset: Int) {
        guard offset > self.lastBoundary || self.itemsSinceBoundary, self.boundaries < Self.maxBlocks else { return }
        self.events.append(.boundary(offset))
        self.lastBoundary = offset
        self.itemsSinceBoundary = false
        self.boundaries += 1
    }

    mutating func link(_ index: Int) {
        self.events.append(.link(index))
        self.itemsSinceBoundary = true
    }

    mutating func image(_ index: Int) {
        self.events.append(.image(index))
        self.itemsSinceBoundary = true
    }

    /// The non-empty blocks of `text`, in document order.
    func blocks(of text: String, images: [ScannedMessage.Image]) -> [ScannedMessage.TextBlock] {
        let bytes = Array(text.utf8)
        var blocks: [ScannedMessage.TextBlock] = []
        var start = 0
        var links: [Int] = []
        var pictures: [Int] = []
        func close(at end: Int) {
            let (from, to) = Self.trimmed(bytes, min(start, bytes.count)..<min(max(start, end), bytes.count))
            if from < to || !links.isEmpty || !pictures.isEmpty {
                blocks.append(
                    ScannedMessage.TextBlock(
                        text: String(decoding: bytes[from..<to], as: UTF8.self),
                        altText: pictures.compactMap { $0 < images.count ? images[$0].alt : nil }.filter { !$0.isEmpty }
                            .joined(separator: " / "),
                        offset: from,
                        links: links,
                        images: pictures
                    )
                )
            }
            links = []
            pictures = []
        }
        for event in self.events {
            switch event {
            case .boundary(let offset):
                close(at: offset)
                start = offset
            case .link(let index): links.append(index)
            case .image(let index): pictures.append(index)
            }
        }
        close(at: bytes.count)
        return blocks
    }

    /// Plain text: paragraphs separated by blank lines; each link goes to the paragraph holding its URL.
    static func paragraphs(of text: String, links: [ScannedMessage.Link], firstLink: Int) -> [ScannedMessage.TextBlock]
    {
        let bytes = Array(text.utf8)
        var breaks: [Int] = []
        var index = 0
        var lineStart = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                // A line of only spaces and tabs ends the paragraph.
                if bytes[lineStart..<index].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { breaks.append(index) }
                lineStart = index + 1
            }
            index += 1
        }
        var found: [(offset: Int, index: Int)] = []
        var searchFrom = 0
        for (position, link) in links.enumerated() {
            guard let offset = Self.find(Array(link.url.utf8), in: bytes, from: searchFrom) else { continue }
            found.append((offset, firstLink + position))
            searchFrom = offset + 1
        }
        var layout = BlockLayout()
        var next = 0
        for offset in breaks {
            while next < found.count && found[next].offset < offset {
                layout.link(found[next].index)
                next += 1
            }
            layout.boundary(at: offset)
        }
        while next < found.count {
            layout.link(found[next].index)
            next += 1
        }
        return layout.blocks(of: text, images: [])
    }

    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> (Int, Int) {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && Self.isSpace(bytes[start]) { start += 1 }
        while end > start && Self.isSpace(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var index = from
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
