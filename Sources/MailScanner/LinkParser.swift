/// Splits a URL as found in mail into the pieces rules match on: host, decoded path, decoded query.
/// Tolerant: no validation, white space and control characters inside removed (as browsers do).
enum LinkParser {
    static func link(url raw: String, text: String, source: ScannedMessage.TextPart.Kind) -> ScannedMessage.Link {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        for byte in raw.utf8 where byte > 0x20 && byte != 0x7F { bytes.append(byte) }
        let url = String(decoding: bytes, as: UTF8.self)
        var index = 0
        // Scheme.
        var schemeEnd: Int? = nil
        if let first = bytes.first, isASCIILetter(first), !Self.startsWithWWW(bytes) {
            var probe = 1
            while probe < bytes.count
                && (isAlphaNumeric(bytes[probe]) || bytes[probe] == UInt8(ascii: "+")
                    || bytes[probe] == UInt8(ascii: "-")
                    || bytes[probe] == UInt8(ascii: "."))
            {
                probe += 1
            }
            if probe < bytes.count && bytes[probe] == UInt8(ascii: ":") { schemeEnd = probe }
        }
        var host: [UInt8] = []
        var hasAuthority = false
        if let schemeEnd { index = schemeEnd + 1 }
        if index + 1 < bytes.count && bytes[index] == UInt8(ascii: "/") && bytes[index + 1] == UInt8(ascii: "/") {
            hasAuthority = true
            index += 2
        } else if (schemeEnd != nil && index < bytes.count && bytes[index] == UInt8(ascii: "\\"))
            || (schemeEnd == nil && Self.startsWithWWW(bytes))
        {
            // `www.example.com/...` from plain text, or `http:\\host` typos.
            hasAuthority = true
            while index < bytes.count && bytes[index] == UInt8(ascii: "\\") { index += 1 }
        }
        if hasAuthority {
            let authorityStart = index
            while index < bytes.count && bytes[index] != UInt8(ascii: "/") && bytes[index] != UInt8(ascii: "?")
                && bytes[index] != UInt8(ascii: "#") && bytes[index] != UInt8(ascii: "\\")
            {
                index += 1
            }
            var authority = bytes[authorityStart..<index]
            if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[(at + 1)...] }
            if authority.first == UInt8(ascii: "[") {
                if let close = authority.firstIndex(of: UInt8(ascii: "]")) {
                    authority = authority[authority.startIndex...close]
                }
            } else if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
                authority = authority[..<colon]
            }
            host = percentDecoded(authority, plusAsSpace: false).map(lowercasedASCII)
            while host.last == UInt8(ascii: ".") { host.removeLast() }
        }
        let pathStart = index
        while index < bytes.count && bytes[index] != UInt8(ascii: "?") && bytes[index] != UInt8(ascii: "#") {
            index += 1
        }
        let path = CharsetDecoder.sniff(percentDecoded(bytes[pathStart..<index], plusAsSpace: false))
        var query: [ScannedMessage.QueryItem] = []
        if index < bytes.count && bytes[index] == UInt8(ascii: "?") {
            index += 1
            let queryStart = index
            while index < bytes.count && bytes[index] != UInt8(ascii: "#") { index += 1 }
            query = queryItems(bytes[queryStart..<index])
        }
        return ScannedMessage.Link(
            url: url,
            host: String(decoding: host, as: UTF8.self),
            path: path,
            query: query,
            text: text,
            source: source
        )
    }

    static func queryItems(_ query: ArraySlice<UInt8>) -> [ScannedMessage.QueryItem] {
        var items: [ScannedMessage.QueryItem] = []
        for pair in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).prefix(200) {
            let name: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                name = pair[..<equals]
                value = pair[(equals + 1)...]
            } else {
                name = pair
                value = []
            }
            items.append(
                ScannedMessage.QueryItem(
                    name: CharsetDecoder.sniff(percentDecoded(name, plusAsSpace: true)),
                    value: CharsetDecoder.sniff(percentDecoded(value, plusAsSpace: true))
                )
            )
        }
        return items
    }

    private static func startsWithWWW(_ bytes: [UInt8]) -> Bool {
        bytes.count > 4 && bytes[0] | 0x20 == UInt8(ascii: "w") && bytes[1] | 0x20 == UInt8(ascii: "w")
            && bytes[2] | 0x20 == UInt8(ascii: "w") && bytes[3] == UInt8(ascii: ".")
    }
}
