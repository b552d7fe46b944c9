/// Splits a URL as found in mail into the pieces rules match on: host, decoded path, decoded query.
/// Tolerant: no validation, white space and control characters inside removed (as browsers do).
enum LinkParser {
    static func link(url raw: String, text: String, source: ScannedMessage.TextPart.Kind) -> ScannedMessage.Link {
        let original = raw
        var raw = raw
        return raw.withUTF8 { buffer in
            // Browsers drop tabs and line breaks inside URLs; copy only when there are some.
            var cleaned: [UInt8]? = nil
            if buffer.contains(where: { $0 <= 0x20 || $0 == 0x7F }) {
                cleaned = buffer.filter { $0 > 0x20 && $0 != 0x7F }
            }
            let url = cleaned.map { String(decoding: $0, as: UTF8.self) } ?? original
            let parts: (host: String, path: String, query: [ScannedMessage.QueryItem])
            if let cleaned {
                parts = cleaned.withUnsafeBufferPointer { split($0) }
            } else {
                parts = split(buffer)
            }
            return ScannedMessage.Link(
                url: url,
                host: parts.host,
                path: parts.path,
                query: parts.query,
                text: text,
                source: source
            )
        }
    }

    /// The lowercased host of a URL, empty when it has none.
    static func host(of raw: String) -> String {
        var raw = raw
        return raw.withUTF8 { split($0, hostOnly: true).host }
    }

    private static func split(
        _ bytes: UnsafeBufferPointer<UInt8>,
        hostOnly: Bool = false
    ) -> (host: String, path: String, query: [ScannedMessage.QueryItem]) {
        var index = 0
        let www = startsWithWWW(bytes)
        var schemeEnd: Int? = nil
        if let first = bytes.first, isASCIILetter(first), !www {
            var probe = 1
            while probe < bytes.count
                && (isAlphaNumeric(bytes[probe]) || bytes[probe] == UInt8(ascii: "+")
                    || bytes[probe] == UInt8(ascii: "-") || bytes[probe] == UInt8(ascii: "."))
            {
                probe += 1
            }
            if probe < bytes.count && bytes[probe] == UInt8(ascii: ":") { schemeEnd = probe }
        }
        var host = ""
        var hasAuthority = false
        if let schemeEnd { index = schemeEnd + 1 }
        if index + 1 < bytes.count && bytes[index] == UInt8(ascii: "/") && bytes[index + 1] == UInt8(ascii: "/") {
            hasAuthority = true
            index += 2
        } else if (schemeEnd != nil && index < bytes.count && bytes[index] == UInt8(ascii: "\\")) || www {
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
            var start = authorityStart
            var end = index
            for position in start..<end where bytes[position] == UInt8(ascii: "@") { start = position + 1 }
            if start < end && bytes[start] == UInt8(ascii: "[") {
                if let close = (start..<end).first(where: { bytes[$0] == UInt8(ascii: "]") }) { end = close + 1 }
            } else if let colon = (start..<end).first(where: { bytes[$0] == UInt8(ascii: ":") }) {
                end = colon
            }
            while end > start && bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
            var hostBytes = percentDecoded(UnsafeBufferPointer(rebasing: bytes[start..<end]), plusAsSpace: false)
            for position in hostBytes.indices { hostBytes[position] = lowercasedASCII(hostBytes[position]) }
            host = text(hostBytes)
        }
        if hostOnly { return (host, "", []) }
        let pathStart = index
        while index < bytes.count && bytes[index] != UInt8(ascii: "?") && bytes[index] != UInt8(ascii: "#") {
            index += 1
        }
        let path = text(percentDecoded(UnsafeBufferPointer(rebasing: bytes[pathStart..<index]), plusAsSpace: false))
        var query: [ScannedMessage.QueryItem] = []
        if index < bytes.count && bytes[index] == UInt8(ascii: "?") {
            index += 1
            let queryStart = index
            while index < bytes.count && bytes[index] != UInt8(ascii: "#") { index += 1 }
            query = queryItems(UnsafeBufferPointer(rebasing: bytes[queryStart..<index]))
        }
        return (host, path, query)
    }

    static func queryItems(_ query: UnsafeBufferPointer<UInt8>) -> [ScannedMessage.QueryItem] {
        var items: [ScannedMessage.QueryItem] = []
        var start = 0
        while start < query.count && items.count < 200 {
            let end = firstIndex(of: UInt8(ascii: "&"), in: query, from: start)
            if end > start {
                let pair = UnsafeBufferPointer(rebasing: query[start..<end])
                let equals = firstIndex(of: UInt8(ascii: "="), in: pair, from: 0)
                let name = UnsafeBufferPointer(rebasing: pair[0..<equals])
                let value = UnsafeBufferPointer(rebasing: pair[min(equals + 1, pair.count)...])
                items.append(
                    ScannedMessage.QueryItem(
                        name: text(percentDecoded(name, plusAsSpace: true)),
                        value: text(percentDecoded(value, plusAsSpace: true))
                    )
                )
            }
            start = end + 1
        }
        return items
    }

    /// Decoded URL bytes as text: UTF-8 when valid (the norm), else windows-1252.
    private static func text(_ bytes: [UInt8]) -> String {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return CharsetDecoder.sniff(bytes)
    }

    private static func startsWithWWW(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count > 4 && bytes[0] | 0x20 == UInt8(ascii: "w") && bytes[1] | 0x20 == UInt8(ascii: "w")
            && bytes[2] | 0x20 == UInt8(ascii: "w") && bytes[3] == UInt8(ascii: ".")
    }
}
