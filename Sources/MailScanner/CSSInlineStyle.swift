/// What an inline `style` attribute says about visibility and size, read from its declarations.
///
/// Two kinds of hiding differ in how descendants inherit them. `display:none`, `opacity:0`, `mso-hide:all`,
/// a zero box with `overflow:hidden` and text in the background colour hide the whole subtree for good
/// (``hides``). A font size and `visibility` are inherited properties that a descendant may override:
/// MJML (Klaviyo, Mailjet, GetResponse templates) puts `font-size:0px` on wrappers to kill inline-block
/// gaps and sets the real size on the children, so they are reported separately (``fontSize``,
/// ``visibility``) and the extractor resolves them along the element stack.
struct CSSInlineStyle: Sendable, Equatable {
    /// The element's whole subtree cannot be seen, whatever its descendants declare.
    var hides = false
    /// `font-size` in px/pt when given (0 or 1 px text is unreadable unless a descendant sets a size).
    var fontSize: Double?
    /// `visibility`: false for `hidden`/`collapse`, true for `visible`, nil when not given.
    var visible: Bool?
    var width: Int?
    var height: Int?

    init(_ style: UnsafeBufferPointer<UInt8>) {
        // Declarations are compacted (white space dropped, lowercased) into a stack buffer: no allocation.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            var state = ParseState()
            var length = 0
            var index = 0
            while index <= style.count {
                let byte = index < style.count ? style[index] : UInt8(ascii: ";")
                index += 1
                if byte != UInt8(ascii: ";") {
                    if !isWhiteSpace(byte) && length < buffer.count {
                        buffer[length] = lowercasedASCII(byte)
                        length += 1
                    }
                    continue
                }
                self.apply(UnsafeBufferPointer(rebasing: buffer[0..<length]), &state)
                length = 0
            }
            if state.zeroBox && state.overflowHidden { self.hides = true }
            if let color = state.color, color == state.background { self.hides = true }
        }
    }

    private struct ParseState {
        var overflowHidden = false
        var zeroBox = false
        var color: PackedName?
        var background: PackedName?
    }

    private mutating func apply(_ declaration: UnsafeBufferPointer<UInt8>, _ state: inout ParseState) {
        guard let colon = declaration.firstIndex(of: UInt8(ascii: ":")) else { return }
        var end = declaration.count
        if let bang = declaration.firstIndex(of: UInt8(ascii: "!")), bang > colon { end = bang }
        let value = UnsafeBufferPointer(rebasing: declaration[(colon + 1)..<end])
        switch PackedName(UnsafeBufferPointer(rebasing: declaration[0..<colon])) {
        case KnownName.display:
            if value.elementsEqual("none".utf8) { self.hides = true }
        case KnownName.visibility:
            if value.elementsEqual("hidden".utf8) || value.elementsEqual("collapse".utf8) {
                self.visible = false
            } else if value.elementsEqual("visible".utf8) {
                self.visible = true
            }
        case KnownName.fontSize:
            // Relative sizes (em, %) and keywords are readable whatever they resolve to in practice.
            self.fontSize = Self.length(value) ?? 16
        case KnownName.opacity:
            if let opacity = Self.number(value), opacity <= 0.05 { self.hides = true }
        case KnownName.msoHide:
            if value.elementsEqual("all".utf8) { self.hides = true }
        case KnownName.overflow:
            if value.elementsEqual("hidden".utf8) { state.overflowHidden = true }
        case KnownName.maxHeight, KnownName.maxWidth:
            if let size = Self.length(value), size <= 0 { state.zeroBox = true }
        case KnownName.height:
            if let size = Self.length(value) {
                self.height = Int(size)
                if size <= 0 { state.zeroBox = true }
            }
        case KnownName.width:
            if let size = Self.length(value) {
                self.width = Int(size)
                if size <= 0 { state.zeroBox = true }
            }
        case KnownName.color:
            state.color = value.count <= 16 ? PackedName(value) : nil
        case KnownName.backgroundColor, KnownName.background:
            state.background = value.count <= 16 ? PackedName(value) : nil
        default:
            break
        }
    }

    /// A CSS length in px/pt (or unitless); nil for percentages and relative units other than zero.
    static func length(_ value: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let number = number(value) else { return nil }
        if number == 0 { return 0 }
        var unitStart = 0
        while unitStart < value.count && (isDigit(value[unitStart]) || value[unitStart] == UInt8(ascii: ".")) {
            unitStart += 1
        }
        let unit = UnsafeBufferPointer(rebasing: value[unitStart...])
        if unit.isEmpty || unit.elementsEqual("px".utf8) || unit.elementsEqual("pt".utf8) { return number }
        return nil
    }

    /// The leading decimal number of a value.
    static func number(_ value: UnsafeBufferPointer<UInt8>) -> Double? {
        var integer = 0.0
        var fraction = 0.0
        var scale = 1.0
        var seenDigit = false
        var seenDot = false
        for byte in value {
            if isDigit(byte) {
                seenDigit = true
                if seenDot {
                    scale /= 10
                    fraction += Double(byte - 0x30) * scale
                } else if integer < 1e9 {
                    integer = integer * 10 + Double(byte - 0x30)
                }
            } else if byte == UInt8(ascii: ".") && !seenDot {
                seenDot = true
            } else {
                break
            }
        }
        return seenDigit ? integer + fraction : nil
    }
}

@inline(__always)
func isDigit(_ byte: UInt8) -> Bool {
    byte >= 0x30 && byte <= 0x39
}
