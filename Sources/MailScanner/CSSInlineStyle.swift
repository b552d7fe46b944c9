/// What an inline `style` attribute says about visibility and size, read from its declarations.
struct CSSInlineStyle: Sendable, Equatable {
    /// The element's content cannot be seen: `display:none`, `visibility:hidden`, `font-size:0`/`1px`,
    /// `opacity:0`, `mso-hide:all`, zero `max-height`/`height`/`width` with `overflow:hidden`, or text in the
    /// background colour.
    var hides = false
    var width: Int?
    var height: Int?

    init(_ style: UnsafeBufferPointer<UInt8>) {
        var overflowHidden = false
        var zeroBox = false
        var color: [UInt8] = []
        var background: [UInt8] = []
        var declaration: [UInt8] = []
        declaration.reserveCapacity(64)
        var index = 0
        while index <= style.count {
            let byte = index < style.count ? style[index] : UInt8(ascii: ";")
            index += 1
            if byte != UInt8(ascii: ";") {
                if !isWhiteSpace(byte) && declaration.count < 256 { declaration.append(lowercasedASCII(byte)) }
                continue
            }
            defer { declaration.removeAll(keepingCapacity: true) }
            guard let colon = declaration.firstIndex(of: UInt8(ascii: ":")) else { continue }
            var value = declaration[(colon + 1)...]
            if let bang = value.firstIndex(of: UInt8(ascii: "!")) { value = value[..<bang] }
            let property = PackedName(declaration[..<colon])
            switch property {
            case PackedName("display"):
                if value.elementsEqual("none".utf8) { self.hides = true }
            case PackedName("visibility"):
                if value.elementsEqual("hidden".utf8) || value.elementsEqual("collapse".utf8) { self.hides = true }
            case PackedName("font-size"):
                if let size = Self.length(value), size <= 1 { self.hides = true }
            case PackedName("opacity"):
                if let opacity = Self.number(value), opacity <= 0.05 { self.hides = true }
            case PackedName("mso-hide"):
                if value.elementsEqual("all".utf8) { self.hides = true }
            case PackedName("overflow"):
                if value.elementsEqual("hidden".utf8) { overflowHidden = true }
            case PackedName("max-height"), PackedName("max-width"):
                if let size = Self.length(value), size <= 0 { zeroBox = true }
            case PackedName("height"):
                if let size = Self.length(value) {
                    self.height = Int(size)
                    if size <= 0 { zeroBox = true }
                }
            case PackedName("width"):
                if let size = Self.length(value) {
                    self.width = Int(size)
                    if size <= 0 { zeroBox = true }
                }
            case PackedName("color"):
                color = Array(value)
            case PackedName("background-color"), PackedName("background"):
                background = Array(value)
            default:
                break
            }
        }
        if zeroBox && overflowHidden { self.hides = true }
        if !color.isEmpty && color == background { self.hides = true }
    }

    /// A CSS length in px/pt (or unitless); nil for percentages and relative units other than zero.
    static func length(_ value: ArraySlice<UInt8>) -> Double? {
        guard let number = number(value) else { return nil }
        if number == 0 { return 0 }
        var unitStart = value.startIndex
        while unitStart < value.endIndex && (isDigit(value[unitStart]) || value[unitStart] == UInt8(ascii: ".")) {
            unitStart += 1
        }
        let unit = value[unitStart...]
        if unit.isEmpty || unit.elementsEqual("px".utf8) || unit.elementsEqual("pt".utf8) { return number }
        return nil
    }

    /// The leading decimal number of a value.
    static func number(_ value: ArraySlice<UInt8>) -> Double? {
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
