extension HTMLTextExtractor {
    /// Elements whose content is never text, with the end tag that closes them.
    static let rawTextElements: [PackedName: StaticString] = [
        PackedName("script"): "script", PackedName("style"): "style", PackedName("title"): "title",
        PackedName("textarea"): "textarea", PackedName("xmp"): "xmp", PackedName("noembed"): "noembed",
        PackedName("noframes"): "noframes", PackedName("template"): "template", PackedName("svg"): "svg",
        PackedName("object"): "object",
    ]

    /// Elements allowed in `<head>`; anything else starts the body.
    static let headElements: Set<PackedName> = [
        PackedName("meta"), PackedName("link"), PackedName("base"), PackedName("basefont"), PackedName("bgsound"),
        PackedName("noscript"),
    ]

    /// Block elements and the line breaks around them (2: a paragraph gap).
    static let blockElements: [PackedName: Int] = [
        PackedName("p"): 2, PackedName("h1"): 2, PackedName("h2"): 2, PackedName("h3"): 2, PackedName("h4"): 2,
        PackedName("h5"): 2, PackedName("h6"): 2, PackedName("table"): 1, PackedName("div"): 1, PackedName("tr"): 1,
        PackedName("li"): 1, PackedName("ul"): 1, PackedName("ol"): 1, PackedName("dl"): 1, PackedName("dt"): 1,
        PackedName("dd"): 1, PackedName("blockquote"): 2, PackedName("pre"): 1, PackedName("hr"): 1,
        PackedName("section"): 1, PackedName("article"): 1, PackedName("header"): 1, PackedName("footer"): 1,
        PackedName("nav"): 1, PackedName("aside"): 1, PackedName("main"): 1, PackedName("center"): 1,
        PackedName("form"): 1, PackedName("fieldset"): 1, PackedName("address"): 1, PackedName("figure"): 1,
        PackedName("figcaption"): 1, PackedName("caption"): 1, PackedName("tbody"): 1, PackedName("thead"): 1,
        PackedName("tfoot"): 1, PackedName("body"): 1, PackedName("html"): 1, PackedName("option"): 1,
    ]

    /// Elements that never have content or an end tag.
    static let voidElements: Set<PackedName> = [
        PackedName("br"), PackedName("img"), PackedName("hr"), PackedName("meta"), PackedName("link"),
        PackedName("input"), PackedName("area"), PackedName("base"), PackedName("col"), PackedName("wbr"),
        PackedName("source"), PackedName("embed"), PackedName("param"), PackedName("track"), PackedName("keygen"),
        PackedName("basefont"), PackedName("bgsound"), PackedName("frame"),
    ]

    /// Index of `needle` at or after `from`.
    static func find(_ html: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let length = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0]
        var index = from
        while index + length <= html.count {
            if html[index] == first {
                var matches = true
                for offset in 1..<length where html[index + offset] != needle.utf8Start[offset] {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return nil
    }

    /// The index after the next `byte` at or after `from`, or the end.
    static func skipPast(_ html: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int {
        var index = from
        while index < html.count {
            if html[index] == byte { return index + 1 }
            index += 1
        }
        return html.count
    }

    /// The index after `</name ...>` (name compared case-insensitively), or the end.
    static func findEndTag(_ html: UnsafeBufferPointer<UInt8>, _ name: StaticString, from: Int) -> Int {
        let length = name.utf8CodeUnitCount
        var index = from
        while index + 2 + length <= html.count {
            if html[index] == UInt8(ascii: "<") && html[index + 1] == UInt8(ascii: "/") {
                var matches = true
                for offset in 0..<length where lowercasedASCII(html[index + 2 + offset]) != name.utf8Start[offset] {
                    matches = false
                    break
                }
                let after = index + 2 + length
                if matches && (after == html.count || isTagNameEnd(html[after])) {
                    return skipPast(html, UInt8(ascii: ">"), from: after)
                }
            }
            index += 1
        }
        return html.count
    }
}
