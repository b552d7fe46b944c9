/// Everything the rules may read about one message, decoded.
///
/// This is the contract between the scanner and its consumers (the classifier, `optout-milter scan`,
/// the audit log). Fields may be added; existing ones keep their meaning.
public struct ScannedMessage: Sendable, Hashable, Codable {
    /// Every header in order of appearance, repeated headers kept.
    public var headers: [Header]
    /// The decoded `Subject` (RFC 2047 words decoded, unfolded), if present.
    public var subject: String?
    public var from: [Address]
    public var to: [Address]
    public var cc: [Address]
    public var replyTo: [Address]
    /// Text parts in document order: `text/plain` and `text/html` leaves of the MIME tree.
    public var textParts: [TextPart]
    /// Links from HTML (`<a href>`, `<area href>`) and URLs found in plain text.
    public var links: [Link]
    /// Images referenced by HTML `<img>` elements.
    public var images: [Image]
    /// Non-text leaves and parts with a `Content-Disposition: attachment`.
    public var attachments: [Attachment]
    public var flags: Flags
    /// Bytes of the raw message the scanner consumed (headers and body).
    public var scannedBytes: Int

    public init(
        headers: [Header] = [],
        subject: String? = nil,
        from: [Address] = [],
        to: [Address] = [],
        cc: [Address] = [],
        replyTo: [Address] = [],
        textParts: [TextPart] = [],
        links: [Link] = [],
        images: [Image] = [],
        attachments: [Attachment] = [],
        flags: Flags = Flags(),
        scannedBytes: Int = 0
    ) {
        self.headers = headers
        self.subject = subject
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.textParts = textParts
        self.links = links
        self.images = images
        self.attachments = attachments
        self.flags = flags
        self.scannedBytes = scannedBytes
    }

    /// The first header with this name (case-insensitive), decoded.
    public func header(_ name: String) -> Header? {
        self.headers.first { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Every header with this name (case-insensitive), in order.
    public func headers(named name: String) -> [Header] {
        self.headers.filter { $0.name.equalsIgnoringASCIICase(name) }
    }
}

extension String {
    /// ASCII case-insensitive equality, enough for header names; no Foundation, no allocation.
    public func equalsIgnoringASCIICase(_ other: String) -> Bool {
        self.utf8.count == other.utf8.count
            && zip(self.utf8, other.utf8).allSatisfy { a, b in
                a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)
            }
    }
}

extension ScannedMessage {
    public struct Header: Sendable, Hashable, Codable {
        /// The field name as written (case preserved).
        public var name: String
        /// The unfolded raw value, leading white space removed, encoded words untouched.
        public var rawValue: String
        /// The value with RFC 2047 encoded words decoded.
        public var value: String

        public init(name: String, rawValue: String, value: String) {
            self.name = name
            self.rawValue = rawValue
            self.value = value
        }
    }

    public struct Address: Sendable, Hashable, Codable {
        /// Decoded display name, if any.
        public var displayName: String?
        /// `local@domain` as written (quotes around the local part kept only when required).
        public var address: String
        /// The group this address was listed in (`Group: a@b, c@d;`), if any.
        public var group: String?

        public init(displayName: String? = nil, address: String, group: String? = nil) {
            self.displayName = displayName
            self.address = address
            self.group = group
        }

        /// The part after the last `@`, lowercased; empty when there is none.
        public var domain: String {
            guard let at = self.address.lastIndex(of: "@") else { return "" }
            return String(self.address[self.address.index(after: at)...]).lowercased()
        }
    }

    public struct TextPart: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            case plain
            case html
        }
        public var kind: Kind
        /// The charset the part declared (lowercased), or the one the scanner fell back to.
        public var charset: String
        /// The full content type, lowercased, e.g. `text/html`.
        public var contentType: String
        /// Decoded text. For HTML: the visible text (script/style/head dropped, entities decoded,
        /// block elements as line breaks).
        public var text: String
        /// For HTML: text a reader cannot see (display:none, zero-size, same colour as background...).
        public var hiddenText: String
        /// The visible text as blocks in document order (HTML block elements and table cells; plain-text
        /// paragraphs), each with its links and images. See ``TextBlock``.
        public var blocks: [TextBlock]
        /// The decoded part before text extraction (the HTML source), only when the scanner was asked to
        /// keep it (`MessageScanner.keepsDecodedSource`, `optout-milter scan --source`); nil otherwise.
        public var decodedSource: String?

        public init(
            kind: Kind,
            charset: String,
            contentType: String,
            text: String,
            hiddenText: String = "",
            blocks: [TextBlock]? = nil,
            decodedSource: String? = nil
        ) {
            self.kind = kind
            self.charset = charset
            self.contentType = contentType
            self.text = text
            self.hiddenText = hiddenText
            // Values built by hand (tests, tools) get one block per paragraph unless they say otherwise.
            self.blocks = blocks ?? BlockLayout.paragraphs(of: text, links: [], firstLink: 0)
            self.decodedSource = decodedSource
        }
    }

    public struct Link: Sendable, Hashable, Codable {
        /// The URL as found (entities decoded, white space trimmed).
        public var url: String
        /// Lowercased host, empty for relative or non-hierarchical URLs (`mailto:`).
        public var host: String
        /// The path, percent-decoded.
        public var path: String
        /// Query parameters in order, names and values percent-decoded (`+` as space).
        public var query: [QueryItem]
        /// The link's visible text (for HTML anchors), trimmed; empty for plain-text URLs.
        public var text: String
        /// Where the link came from.
        public var source: TextPart.Kind

        public init(
            url: String,
            host: String,
            path: String,
            query: [QueryItem],
            text: String,
            source: TextPart.Kind
        ) {
            self.url = url
            self.host = host
            self.path = path
            self.query = query
            self.text = text
            self.source = source
        }
    }

    public struct QueryItem: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct Image: Sendable, Hashable, Codable {
        public var src: String
        /// Lowercased host of `src`, empty for `cid:` and relative sources.
        public var host: String
        public var alt: String
        /// Declared width/height in pixels from attributes or inline style, when given.
        public var width: Int?
        public var height: Int?

        public init(src: String, host: String, alt: String, width: Int?, height: Int?) {
            self.src = src
            self.host = host
            self.alt = alt
            self.width = width
            self.height = height
        }

        /// True for the classic tracking pixel: at most 1×1 (or 0) declared pixels.
        public var isTrackingPixel: Bool {
            guard let width, let height else { return false }
            return width <= 1 && height <= 1
        }
    }

    public struct Attachment: Sendable, Hashable, Codable {
        public var filename: String?
        public var contentType: String
        /// Decoded size in bytes.
        public var size: Int

        public init(filename: String?, contentType: String, size: Int) {
            self.filename = filename
            self.contentType = contentType
            self.size = size
        }
    }

    public struct Flags: Sendable, Hashable, Codable {
        /// The scan stopped at the byte limit; everything before it is kept.
        public var truncated: Bool
        /// Some HTML text is hidden from the reader.
        public var hasHiddenText: Bool
        /// The message has HTML text and no plain-text alternative.
        public var htmlOnly: Bool
        /// A multipart boundary was never closed, a part was malformed, or an encoding was damaged.
        public var malformed: Bool
        /// A structural cap of ``ScanLimits`` (parts, nesting, header count or size) left something out.
        public var limitsReached: Bool

        public init(
            truncated: Bool = false,
            hasHiddenText: Bool = false,
            htmlOnly: Bool = false,
            malformed: Bool = false,
            limitsReached: Bool = false
        ) {
            self.truncated = truncated
            self.hasHiddenText = hasHiddenText
            self.htmlOnly = htmlOnly
            self.malformed = malformed
            self.limitsReached = limitsReached
        }
    }
}
