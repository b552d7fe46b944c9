/// What the MIME headers of one entity say about its body.
struct PartInfo: Sendable {
    /// `type/subtype`, lowercased; the default when absent or invalid (as RFC 2045 and Python do).
    var contentType: String
    var contentTypeParameters: MIMEHeaderValue?
    /// Lowercased `Content-Transfer-Encoding` (empty when absent).
    var transferEncoding: String
    /// Lowercased disposition (`inline`, `attachment`) or empty.
    var disposition: String
    var dispositionParameters: MIMEHeaderValue?

    init(fields: [RawHeaderField], defaultType: String) {
        var contentType: MIMEHeaderValue? = nil
        var transferEncoding: [UInt8]? = nil
        var disposition: MIMEHeaderValue? = nil
        for field in fields {
            if contentType == nil && field.isNamed("content-type") {
                contentType = MIMEHeaderValue(parsing: field.value)
            } else if transferEncoding == nil && field.isNamed("content-transfer-encoding") {
                transferEncoding = field.value
            } else if disposition == nil && field.isNamed("content-disposition") {
                disposition = MIMEHeaderValue(parsing: field.value)
            }
        }
        let type = contentType?.value ?? ""
        let slashes = type.utf8.count { $0 == UInt8(ascii: "/") }
        self.contentType = slashes == 1 && !type.hasPrefix("/") && !type.hasSuffix("/") ? type : defaultType
        self.contentTypeParameters = contentType
        let encoding = MIMEHeaderValue(parsing: transferEncoding ?? [])
        self.transferEncoding = encoding.value
        self.disposition = disposition?.value ?? ""
        self.dispositionParameters = disposition
    }

    var mainType: Substring { self.contentType.prefix { $0 != "/" } }

    /// The multipart boundary, trailing white space removed (as Python does).
    var boundary: [UInt8]? {
        guard var boundary = self.contentTypeParameters?.parameter("boundary") else { return nil }
        while let last = boundary.last, isWhiteSpace(last) { boundary.removeLast() }
        return boundary.isEmpty ? nil : boundary
    }

    var charset: String? {
        self.contentTypeParameters?.parameter("charset").map { String(decoding: $0, as: UTF8.self) }
    }

    /// `filename` from the disposition, else `name` from the content type.
    var filename: String? {
        if let name = self.dispositionParameters?.textParameter("filename"), !name.isEmpty { return name }
        if let name = self.contentTypeParameters?.textParameter("name"), !name.isEmpty { return name }
        return nil
    }

    var isAttachment: Bool { self.disposition == "attachment" }
}
