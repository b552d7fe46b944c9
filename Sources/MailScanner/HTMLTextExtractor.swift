/// HTML to what a reader sees: visible text, hidden text, links with their text, and images.
///
/// A single forward pass over UTF-8 bytes in the spirit of the HTML tokenizer (tags, attributes, comments,
/// character references, raw-text elements), without building a tree: an element stack is kept only to
/// know when hidden content ends. Mail HTML is often broken; nothing here fails, and every loop advances.
struct HTMLTextExtractor {
    struct Result: Sendable {
        var text: String
        var hiddenText: String
        var links: [ScannedMessage.Link]
        var images: [ScannedMessage.Image]
        /// Visible text blocks; their `links`/`images` index into ``links`` and ``images``.
        var blocks: [ScannedMessage.TextBlock]
    }

    private struct OpenElement {
        var name: PackedName
        var hides: Bool
        /// Inherited state after this element's own style: text this small cannot be read, and
        /// `visibility:hidden` text cannot be seen, until a descendant overrides either.
        var tinyFont: Bool
        var invisible: Bool
    }

    private struct OpenAnchor {
        var href: String
        var text: TextBuilder
        var alt: String
    }

    private var visible: TextBuilder
    private var hidden: TextBuilder
    private var stack: [OpenElement] = []
    private var hiddenDepth = 0
    private var inHead = false
    private var anchor: OpenAnchor?
    private var links: [ScannedMessage.Link] = []
    private var images: [ScannedMessage.Image] = []
    private var layout = BlockLayout()
    private let maxLinks: Int
    private static let maxStack = 512

    private init(capacity: Int, maxLinks: Int) {
        self.visible = TextBuilder(maxBytes: max(capacity, 16), reserve: capacity / 3)
        self.hidden = TextBuilder(maxBytes: max(capacity, 16))
        self.maxLinks = maxLinks
    }

    static func extract(_ html: UnsafeBufferPointer<UInt8>, maxLinks: Int) -> Result {
        var extractor = HTMLTextExtractor(capacity: html.count, maxLinks: maxLinks)
        extractor.run(html)
        extractor.closeAnchor()
        let text = extractor.visible.string()
        return Result(
            text: text,
            hiddenText: extractor.hidden.string(),
            links: extractor.links,
            images: extractor.images,
            blocks: extractor.layout.blocks(of: text, images: extractor.images)
        )
    }

    /// Hidden for good (an ancestor hides its subtree) or for now (inherited tiny font or
    /// `visibility:hidden` that no descendant has overridden yet).
    private var isHidden: Bool {
        if self.hiddenDepth > 0 { return true }
        guard let top = self.stack.last else { return false }
        return top.tinyFont || top.invisible
    }

    private mutating func run(_ html: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = html.count
        while index < count {
            let byte = html[index]
            if byte == UInt8(ascii: "<") {
                index = self.markup(html, at: index)
                continue
            }
            if byte == UInt8(ascii: "&") {
                let (scalar, next) = HTMLCharacterReference.decode(html, at: index, inAttribute: false)
                if let scalar { self.appendText(scalar: scalar) } else { self.appendText(html, index..<next) }
                index = next
                continue
            }
            // Text up to the next `<` or `&` (memchr for `<`, then a short scan for `&`).
            let less = firstIndex(of: UInt8(ascii: "<"), in: html, from: index + 1)
            var end = index + 1
            while end < less && html[end] != UInt8(ascii: "&") { end += 1 }
            self.appendText(html, index..<end)
            index = end
        }
    }

    /// Images and links are hidden by what hides a subtree and by `visibility:hidden`, not by a font size.
    private var hidesItems: Bool {
        self.hiddenDepth > 0 || (self.stack.last?.invisible ?? false)
    }

    // MARK: - Text

    private mutating func appendText(_ html: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !self.inHead else { return }
        let text = UnsafeBufferPointer(rebasing: html[range])
        if self.isHidden {
            self.hidden.append(text)
        } else {
            self.visible.append(text)
            if self.anchor != nil { self.anchor!.text.append(text) }
        }
    }

    private mutating func appendText(scalar: UInt32) {
        var utf8: [UInt8] = []
        appendUTF8(scalar, to: &utf8)
        utf8.withUnsafeBufferPointer { buffer in self.appendText(buffer, 0..<buffer.count) }
    }

    private mutating func lineBreak(_ count: Int) {
        // Structure (breaks, cells, blocks) follows hiding for good only: under a font-size:0 wrapper the
        // children that set their own size are visible, and their blocks must stay apart.
        if self.hiddenDepth > 0 {
            self.hidden.lineBreak(count)
        } else {
            self.visible.lineBreak(count)
            self.anchor?.text.space()
            self.layout.boundary(at: self.visible.bytes.count)
        }
    }

    private mutating func forcedBreak() {
        if self.hiddenDepth > 0 {
            self.hidden.forcedBreak()
        } else {
            self.visible.forcedBreak()
            // Two <br> in a row end a paragraph of a <br>-only layout.
            if self.visible.endsParagraph { self.layout.boundary(at: self.visible.bytes.count) }
        }
    }

    // MARK: - Markup

    /// Handles markup at `<`; returns the index after it.
    private mutating func markup(_ html: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let count = html.count
        guard start + 1 < count else {
            self.appendText(html, start..<count)
            return count
        }
        let next = html[start + 1]
        if next == UInt8(ascii: "!") {
            if start + 3 < count && html[start + 2] == UInt8(ascii: "-") && html[start + 3] == UInt8(ascii: "-") {
                return Self.find(html, "-->", from: start + 4).map { $0 + 3 } ?? count
            }
            return Self.skipPast(html, UInt8(ascii: ">"), from: start + 2)
        }
        if next == UInt8(ascii: "?") { return Self.skipPast(html, UInt8(ascii: ">"), from: start + 2) }
        if next == UInt8(ascii: "/") {
            guard start + 2 < count, isASCIILetter(html[start + 2]) else {
                // `</` not followed by a name: a bogus comment up to `>`.
                return Self.skipPast(html, UInt8(ascii: ">"), from: start + 2)
            }
            var tag = HTMLTag.parse(html, at: start + 2)
            tag.isEnd = true
            self.endTag(tag)
            return tag.end
        }
        guard isASCIILetter(next) else {
            self.appendText(html, start..<(start + 1))
            return start + 1
        }
        let tag = HTMLTag.parse(html, at: start + 1)
        return self.startTag(tag, html)
    }

    private mutating func startTag(_ tag: HTMLTag, _ html: UnsafeBufferPointer<UInt8>) -> Int {
        let name = tag.name
        let info = HTMLElementInfo.of(name)
        if let rawTextEnd = info.rawTextEnd {
            // Script, style, title...: content is never text; skip to the matching end tag.
            return Self.findEndTag(html, rawTextEnd, from: tag.end)
        }
        if self.inHead {
            if info.inHead { return tag.end }
            self.inHead = false  // body content without `<body>`
        }
        if name == KnownName.head {
            self.inHead = true
            return tag.end
        }
        let style = tag.style.map { CSSInlineStyle($0) }
        let hides =
            (style?.hides ?? false) || tag.hasHiddenAttribute
            || (name == KnownName.input && tag.attribute(.type).map(Self.isHiddenType) == true)
        if info.lineBreaks > 0 {
            self.lineBreak(info.lineBreaks)
        } else if name == KnownName.br {
            self.forcedBreak()
        } else if name == KnownName.td || name == KnownName.th {
            self.space()
            if self.hiddenDepth == 0 { self.layout.boundary(at: self.visible.bytes.count) }
        }
        switch name {
        case KnownName.a:
            self.closeAnchor()
            if let href = tag.attribute(.href) {
                self.anchor = OpenAnchor(href: href, text: TextBuilder(maxBytes: 512), alt: "")
            }
        case KnownName.area:
            if let href = tag.attribute(.href) {
                self.addLink(href, text: tag.attribute(.alt) ?? "")
            }
        case KnownName.img:
            self.addImage(tag, style: style)
        default:
            break
        }
        if !tag.selfClosing && !info.isVoid && self.stack.count < Self.maxStack {
            let parent = self.stack.last
            let tinyFont = style?.fontSize.map { $0 <= 1 } ?? parent?.tinyFont ?? false
            let invisible = style?.visible.map { !$0 } ?? parent?.invisible ?? false
            self.stack.append(OpenElement(name: name, hides: hides, tinyFont: tinyFont, invisible: invisible))
            if hides {
                self.hiddenDepth += 1
                self.hidden.lineBreak(1)  // separate pieces of hidden text
            }
        }
        return tag.end
    }

    private mutating func endTag(_ tag: HTMLTag) {
        let name = tag.name
        if name == KnownName.head {
            self.inHead = false
            return
        }
        if name == KnownName.a { self.closeAnchor() }
        let breaks = HTMLElementInfo.of(name).lineBreaks
        if breaks > 0 { self.lineBreak(breaks) }
        if name == KnownName.br { self.forcedBreak() }
        if (name == KnownName.td || name == KnownName.th) && self.hiddenDepth == 0 {
            self.layout.boundary(at: self.visible.bytes.count)
        }
        // Pop to the matching open element, if there is one (stray end tags are ignored).
        guard let match = self.stack.lastIndex(where: { $0.name == name }) else { return }
        for element in self.stack[match...] where element.hides { self.hiddenDepth -= 1 }
        self.stack.removeSubrange(match...)
    }

    private mutating func space() {
        if self.hiddenDepth > 0 { self.hidden.space() } else { self.visible.space() }
    }

    private mutating func closeAnchor() {
        guard let anchor = self.anchor else { return }
        self.anchor = nil
        let text = anchor.text.string()
        self.addLink(anchor.href, text: text.isEmpty ? anchor.alt : text)
    }

    private mutating func addLink(_ href: String, text: String) {
        guard self.links.count < self.maxLinks else { return }
        if !self.hidesItems { self.layout.link(self.links.count) }
        self.links.append(LinkParser.link(url: href, text: text, source: .html))
    }

    private mutating func addImage(_ tag: HTMLTag, style: CSSInlineStyle?) {
        let alt = tag.attribute(.alt) ?? ""
        if self.anchor != nil && self.anchor!.alt.isEmpty { self.anchor!.alt = alt }
        guard self.images.count < self.maxLinks, let src = tag.attribute(.src) else { return }
        let width = style?.width ?? tag.attribute(.width).flatMap(Self.pixels)
        let height = style?.height ?? tag.attribute(.height).flatMap(Self.pixels)
        let host = LinkParser.host(of: src)
        if !self.hidesItems { self.layout.image(self.images.count) }
        self.images.append(ScannedMessage.Image(src: src, host: host, alt: alt, width: width, height: height))
    }

    /// `1`, `1px`, ` 1 `: pixels; percentages and junk are nil.
    private static func pixels(_ value: String) -> Int? {
        let bytes = trimmedWhiteSpace(Array(value.utf8))
        guard let length = bytes.withUnsafeBufferPointer({ CSSInlineStyle.length($0) }) else { return nil }
        return Int(min(length, 1e6))
    }

    private static func isHiddenType(_ value: String) -> Bool {
        value.lowercased() == "hidden"
    }
}
