/// What the extractor needs to know about an element, from one switch on its packed name.
struct HTMLElementInfo {
    /// Raw-text elements (script, style, title...): content skipped up to this end tag.
    var rawTextEnd: StaticString? = nil
    /// Allowed in `<head>`; any other start tag there begins the body.
    var inHead = false
    /// Line breaks around a block element (2: a paragraph gap), 0 for inline ones.
    var lineBreaks = 0
    /// Never has content or an end tag.
    var isVoid = false

    static func of(_ name: PackedName) -> HTMLElementInfo {
        switch (name.low, name.high) {
        case (0x73_7365_7264_6461, 0x0): HTMLElementInfo(lineBreaks: 1)  // address
        case (0x6165_7261, 0x0): HTMLElementInfo(isVoid: true)  // area
        case (0x65_6C63_6974_7261, 0x0): HTMLElementInfo(lineBreaks: 1)  // article
        case (0x65_6469_7361, 0x0): HTMLElementInfo(lineBreaks: 1)  // aside
        case (0x6573_6162, 0x0): HTMLElementInfo(inHead: true, isVoid: true)  // base
        case (0x746E_6F66_6573_6162, 0x0): HTMLElementInfo(inHead: true, isVoid: true)  // basefont
        case (0x64_6E75_6F73_6762, 0x0): HTMLElementInfo(inHead: true, isVoid: true)  // bgsound
        case (0x6F75_716B_636F_6C62, 0x6574): HTMLElementInfo(lineBreaks: 2)  // blockquote
        case (0x7964_6F62, 0x0): HTMLElementInfo(lineBreaks: 1)  // body
        case (0x7262, 0x0): HTMLElementInfo(isVoid: true)  // br
        case (0x6E_6F69_7470_6163, 0x0): HTMLElementInfo(lineBreaks: 1)  // caption
        case (0x7265_746E_6563, 0x0): HTMLElementInfo(lineBreaks: 1)  // center
        case (0x6C6F63, 0x0): HTMLElementInfo(isVoid: true)  // col
        case (0x6464, 0x0): HTMLElementInfo(lineBreaks: 1)  // dd
        case (0x766964, 0x0): HTMLElementInfo(lineBreaks: 1)  // div
        case (0x6C64, 0x0): HTMLElementInfo(lineBreaks: 1)  // dl
        case (0x7464, 0x0): HTMLElementInfo(lineBreaks: 1)  // dt
        case (0x64_6562_6D65, 0x0): HTMLElementInfo(isVoid: true)  // embed
        case (0x7465_7364_6C65_6966, 0x0): HTMLElementInfo(lineBreaks: 1)  // fieldset
        case (0x6974_7061_6367_6966, 0x6E6F): HTMLElementInfo(lineBreaks: 1)  // figcaption
        case (0x6572_7567_6966, 0x0): HTMLElementInfo(lineBreaks: 1)  // figure
        case (0x7265_746F_6F66, 0x0): HTMLElementInfo(lineBreaks: 1)  // footer
        case (0x6D72_6F66, 0x0): HTMLElementInfo(lineBreaks: 1)  // form
        case (0x65_6D61_7266, 0x0): HTMLElementInfo(isVoid: true)  // frame
        case (0x3168, 0x0): HTMLElementInfo(lineBreaks: 2)  // h1
        case (0x3268, 0x0): HTMLElementInfo(lineBreaks: 2)  // h2
        case (0x3368, 0x0): HTMLElementInfo(lineBreaks: 2)  // h3
        case (0x3468, 0x0): HTMLElementInfo(lineBreaks: 2)  // h4
        case (0x3568, 0x0): HTMLElementInfo(lineBreaks: 2)  // h5
        case (0x3668, 0x0): HTMLElementInfo(lineBreaks: 2)  // h6
        case (0x7265_6461_6568, 0x0): HTMLElementInfo(lineBreaks: 1)  // header
        case (0x7268, 0x0): HTMLElementInfo(lineBreaks: 1, isVoid: true)  // hr
        case (0x6C6D_7468, 0x0): HTMLElementInfo(lineBreaks: 1)  // html
        case (0x676D69, 0x0): HTMLElementInfo(isVoid: true)  // img
        case (0x74_7570_6E69, 0x0): HTMLElementInfo(isVoid: true)  // input
        case (0x6E65_6779_656B, 0x0): HTMLElementInfo(isVoid: true)  // keygen
        case (0x696C, 0x0): HTMLElementInfo(lineBreaks: 1)  // li
        case (0x6B6E_696C, 0x0): HTMLElementInfo(inHead: true, isVoid: true)  // link
        case (0x6E69_616D, 0x0): HTMLElementInfo(lineBreaks: 1)  // main
        case (0x6174_656D, 0x0): HTMLElementInfo(inHead: true, isVoid: true)  // meta
        case (0x76616E, 0x0): HTMLElementInfo(lineBreaks: 1)  // nav
        case (0x64_6562_6D65_6F6E, 0x0): HTMLElementInfo(rawTextEnd: "noembed")  // noembed
        case (0x7365_6D61_7266_6F6E, 0x0): HTMLElementInfo(rawTextEnd: "noframes")  // noframes
        case (0x7470_6972_6373_6F6E, 0x0): HTMLElementInfo(inHead: true)  // noscript
        case (0x7463_656A_626F, 0x0): HTMLElementInfo(rawTextEnd: "object")  // object
        case (0x6C6F, 0x0): HTMLElementInfo(lineBreaks: 1)  // ol
        case (0x6E6F_6974_706F, 0x0): HTMLElementInfo(lineBreaks: 1)  // option
        case (0x70, 0x0): HTMLElementInfo(lineBreaks: 2)  // p
        case (0x6D_6172_6170, 0x0): HTMLElementInfo(isVoid: true)  // param
        case (0x657270, 0x0): HTMLElementInfo(lineBreaks: 1)  // pre
        case (0x7470_6972_6373, 0x0): HTMLElementInfo(rawTextEnd: "script")  // script
        case (0x6E_6F69_7463_6573, 0x0): HTMLElementInfo(lineBreaks: 1)  // section
        case (0x6563_7275_6F73, 0x0): HTMLElementInfo(isVoid: true)  // source
        case (0x65_6C79_7473, 0x0): HTMLElementInfo(rawTextEnd: "style")  // style
        case (0x677673, 0x0): HTMLElementInfo(rawTextEnd: "svg")  // svg
        case (0x65_6C62_6174, 0x0): HTMLElementInfo(lineBreaks: 1)  // table
        case (0x79_646F_6274, 0x0): HTMLElementInfo(lineBreaks: 1)  // tbody
        case (0x6574_616C_706D_6574, 0x0): HTMLElementInfo(rawTextEnd: "template")  // template
        case (0x6165_7261_7478_6574, 0x0): HTMLElementInfo(rawTextEnd: "textarea")  // textarea
        case (0x74_6F6F_6674, 0x0): HTMLElementInfo(lineBreaks: 1)  // tfoot
        case (0x64_6165_6874, 0x0): HTMLElementInfo(lineBreaks: 1)  // thead
        case (0x65_6C74_6974, 0x0): HTMLElementInfo(rawTextEnd: "title")  // title
        case (0x7274, 0x0): HTMLElementInfo(lineBreaks: 1)  // tr
        case (0x6B_6361_7274, 0x0): HTMLElementInfo(isVoid: true)  // track
        case (0x6C75, 0x0): HTMLElementInfo(lineBreaks: 1)  // ul
        case (0x726277, 0x0): HTMLElementInfo(isVoid: true)  // wbr
        case (0x706D78, 0x0): HTMLElementInfo(rawTextEnd: "xmp")  // xmp
        default: HTMLElementInfo()
        }
    }
}
