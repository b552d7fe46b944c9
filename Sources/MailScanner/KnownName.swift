/// Tag, attribute and CSS property names the scanner compares against, as packed constants
/// (computed properties with literal values: no lazy-global check on the hot path).
enum KnownName {
    /// "a"
    static var a: PackedName { PackedName(low: 0x61, high: 0x0) }
    /// "alt"
    static var alt: PackedName { PackedName(low: 0x746C61, high: 0x0) }
    /// "area"
    static var area: PackedName { PackedName(low: 0x6165_7261, high: 0x0) }
    /// "background"
    static var background: PackedName { PackedName(low: 0x756F_7267_6B63_6162, high: 0x646E) }
    /// "background-color"
    static var backgroundColor: PackedName { PackedName(low: 0x756F_7267_6B63_6162, high: 0x726F_6C6F_632D_646E) }
    /// "br"
    static var br: PackedName { PackedName(low: 0x7262, high: 0x0) }
    /// "color"
    static var color: PackedName { PackedName(low: 0x72_6F6C_6F63, high: 0x0) }
    /// "display"
    static var display: PackedName { PackedName(low: 0x79_616C_7073_6964, high: 0x0) }
    /// "font-size"
    static var fontSize: PackedName { PackedName(low: 0x7A69_732D_746E_6F66, high: 0x65) }
    /// "head"
    static var head: PackedName { PackedName(low: 0x6461_6568, high: 0x0) }
    /// "height"
    static var height: PackedName { PackedName(low: 0x7468_6769_6568, high: 0x0) }
    /// "hidden"
    static var hidden: PackedName { PackedName(low: 0x6E65_6464_6968, high: 0x0) }
    /// "href"
    static var href: PackedName { PackedName(low: 0x6665_7268, high: 0x0) }
    /// "img"
    static var img: PackedName { PackedName(low: 0x676D69, high: 0x0) }
    /// "input"
    static var input: PackedName { PackedName(low: 0x74_7570_6E69, high: 0x0) }
    /// "max-height"
    static var maxHeight: PackedName { PackedName(low: 0x6769_6568_2D78_616D, high: 0x7468) }
    /// "max-width"
    static var maxWidth: PackedName { PackedName(low: 0x7464_6977_2D78_616D, high: 0x68) }
    /// "mso-hide"
    static var msoHide: PackedName { PackedName(low: 0x6564_6968_2D6F_736D, high: 0x0) }
    /// "opacity"
    static var opacity: PackedName { PackedName(low: 0x79_7469_6361_706F, high: 0x0) }
    /// "overflow"
    static var overflow: PackedName { PackedName(low: 0x776F_6C66_7265_766F, high: 0x0) }
    /// "src"
    static var src: PackedName { PackedName(low: 0x637273, high: 0x0) }
    /// "style"
    static var style: PackedName { PackedName(low: 0x65_6C79_7473, high: 0x0) }
    /// "td"
    static var td: PackedName { PackedName(low: 0x6474, high: 0x0) }
    /// "th"
    static var th: PackedName { PackedName(low: 0x6874, high: 0x0) }
    /// "type"
    static var type: PackedName { PackedName(low: 0x6570_7974, high: 0x0) }
    /// "visibility"
    static var visibility: PackedName { PackedName(low: 0x696C_6962_6973_6976, high: 0x7974) }
    /// "width"
    static var width: PackedName { PackedName(low: 0x68_7464_6977, high: 0x0) }
}
