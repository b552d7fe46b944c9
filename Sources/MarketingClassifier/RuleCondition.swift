/// What a rule matches, one case per rule kind of the rule file (`kind:`).
public enum RuleCondition: Sendable {
    /// A header is present (`value` nil) or one of its decoded values matches.
    case header(HeaderName, value: Pattern?)
    /// A sender identity matches.
    case sender(field: SenderField, pattern: Pattern)
    /// The decoded subject matches.
    case subject(Pattern)
    /// Decoded body text matches; each match is one occurrence.
    case text(Pattern, scope: TextScope)
    /// Links matching every given part; each matching link is one occurrence.
    case link(LinkMatch)
    /// Images matching every given part; each matching image is one occurrence.
    case image(ImageMatch)
    /// A structural feature of the message.
    case structure(StructureFeature, atLeast: Int)
    /// The sender's declared category (the configured category header) matches.
    case category(Pattern)

    /// Text, link and image conditions can be located in one block of the message.
    public var readsBlocks: Bool {
        switch self {
        case .text, .link, .image: true
        default: false
        }
    }

    /// The stage the condition needs.
    public var stage: Stage {
        switch self {
        case .sender(let field, _): field.stage
        case .header, .subject, .category: .headers
        case .text, .link, .image: .body
        case .structure(let feature, _): feature.stage
        }
    }
}

/// How a `header` rule names the header: exactly (case-insensitive) or by a pattern on the name.
public enum HeaderName: Sendable {
    case exact(String)
    case matching(Pattern)
}

/// Which sender identity a `sender` rule reads.
public enum SenderField: String, Sendable, CaseIterable {
    case envelopeFrom = "envelope-from"
    case envelopeDomain = "envelope-domain"
    case fromAddress = "from-address"
    case fromDomain = "from-domain"
    case fromName = "from-name"
    case replyTo = "reply-to"
    case authenticatedUser = "auth-user"

    var stage: Stage {
        switch self {
        case .envelopeFrom, .envelopeDomain, .authenticatedUser: .envelope
        case .fromAddress, .fromDomain, .fromName, .replyTo: .headers
        }
    }
}

/// Which decoded text a `text` rule reads.
public enum TextScope: String, Sendable, CaseIterable {
    /// What a reader sees: plain parts and the visible text of HTML parts.
    case visible
    /// HTML text hidden from the reader (preheaders, display:none).
    case hidden
    /// Both.
    case all
}

/// The parts of a link a `link` rule tests; a link matches when every given part matches.
public struct LinkMatch: Sendable {
    public var host: Pattern?
    public var path: Pattern?
    /// A query parameter name; with `value`, some parameter of this name must match both.
    public var parameter: Pattern?
    public var value: Pattern?
    /// The anchor's visible text.
    public var text: Pattern?
    /// The whole URL as found.
    public var url: Pattern?

    public init(
        host: Pattern? = nil,
        path: Pattern? = nil,
        parameter: Pattern? = nil,
        value: Pattern? = nil,
        text: Pattern? = nil,
        url: Pattern? = nil
    ) {
        self.host = host
        self.path = path
        self.parameter = parameter
        self.value = value
        self.text = text
        self.url = url
    }
}

/// The parts of an image an `image` rule tests; an image matches when every given part matches.
public struct ImageMatch: Sendable {
    /// Only images declared at most 1×1 pixels.
    public var trackingPixel: Bool
    /// Only images fetched from the network (http/https), not `cid:` or data URIs.
    public var remote: Bool
    public var host: Pattern?
    public var src: Pattern?
    public var alt: Pattern?

    public init(
        trackingPixel: Bool = false,
        remote: Bool = false,
        host: Pattern? = nil,
        src: Pattern? = nil,
        alt: Pattern? = nil
    ) {
        self.trackingPixel = trackingPixel
        self.remote = remote
        self.host = host
        self.src = src
        self.alt = alt
    }
}

/// Structural features of a message that `structure` rules test.
public enum StructureFeature: String, Sendable, CaseIterable {
    /// HTML text with no plain-text alternative.
    case htmlOnly = "html-only"
    /// A `List-Unsubscribe` header.
    case listUnsubscribe = "list-unsubscribe"
    /// RFC 8058 one-click unsubscribe (`List-Unsubscribe-Post`).
    case listUnsubscribePost = "list-unsubscribe-post"
    /// `Precedence: bulk` or `list`.
    case precedenceBulk = "precedence-bulk"
    /// A `Feedback-ID` header (Gmail feedback loop, added by bulk senders).
    case feedbackID = "feedback-id"
    /// A `List-Id` header.
    case listID = "list-id"
    /// Reply headers (`In-Reply-To`/`References`): part of a conversation.
    case reply
    /// List headers (`List-Unsubscribe`, `List-Id` or `Precedence: bulk/list`) with no `List-Post`
    /// (or `List-Post: NO`) and no reply headers: a one-way announcement list.
    case announcementList = "announcement-list"
    /// A reply subject (`Re:`, `AW:`) with neither `In-Reply-To` nor `References`.
    case fakeReply = "fake-reply"
    /// `Auto-Submitted` other than `no`: an automatic notification (RFC 3834).
    case autoSubmitted = "auto-submitted"
    /// Number of links at least `min`.
    case linkCount = "link-count"
    /// Number of remote images at least `min`.
    case remoteImageCount = "remote-image-count"
    /// HTML text hidden from the reader.
    case hiddenText = "hidden-text"
    /// At least `min` attachments.
    case attachments

    var stage: Stage {
        switch self {
        case .listUnsubscribe, .listUnsubscribePost, .precedenceBulk, .feedbackID, .listID, .reply,
            .fakeReply, .announcementList, .autoSubmitted:
            .headers
        case .htmlOnly, .linkCount, .remoteImageCount, .hiddenText, .attachments:
            .body
        }
    }
}
