/// The list formats `suppress import` reads, recognised from the header row.
///
/// Column names are compared case-insensitively after trimming. Sources for the ESP columns:
/// docs/SUPPRESSION.md (Mailchimp audience export, SendGrid suppression CSV, Mailgun
/// suppression CSV, Postmark suppression dump, Amazon SES suppressed destinations).
public enum ImportFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    /// One address, `@domain` or hash per line; `#` comments and blank lines ignored.
    case text
    /// Any CSV with an address column (`email`, `e-mail`, `email_address`, `address`, ...) or a
    /// hash column (`sha256`, `md5`, `email_sha256`, `hashed_email`, ...); optional `scope`
    /// (or `category`), `effective_at` (or `created_at`, `date`, `timestamp`), `source`, `reason`.
    case csv
    /// Mailchimp audience export, unsubscribed or cleaned file (`Email Address`, `UNSUB_TIME`,
    /// `UNSUB_REASON`, or `CLEAN_TIME`). The subscribed file is refused.
    case mailchimp
    /// SendGrid suppression CSV (`email`, `created`; bounces add `reason`, `status`; spam reports `ip`).
    case sendgrid
    /// Mailgun suppression CSV (`address`, `created_at`; unsubscribes `tags`, bounces `code`, `error`).
    case mailgun
    /// Postmark suppression dump (`EmailAddress`, `SuppressionReason`, `Origin`, `CreatedAt`).
    case postmark
    /// Amazon SES suppressed destinations (`EmailAddress`, `Reason`, `LastUpdateTime`).
    case ses
    /// This tool's own `suppress export` (`entry`, `kind`, `scope`, `effective_at`, `source`, `reason`).
    case export

    public var description: String { self.rawValue }

    /// Which columns hold what, for the CSV formats.
    struct Columns {
        var entry: Int
        var time: Int?
        var reason: [Int] = []
        var scope: Int?
        var source: Int?
        /// Reason when the file has no reason column.
        var defaultReason: String
        /// Mailgun's `tags` (`*` = all) become the scope.
        var scopeFromTags = false
    }

    /// Recognises a header row; nil when it is not a known CSV header.
    static func detect(header: [String]) -> ImportFormat? {
        let names = Set(header)
        if names.contains("email address")
            && (names.contains("leid") || names.contains("euid") || names.contains("member_rating"))
        {
            return .mailchimp
        }
        if names.contains("entry") && names.contains("kind") && names.contains("scope") {
            return .export
        }
        if names.contains("emailaddress") && names.contains("suppressionreason") {
            return .postmark
        }
        if names.contains("emailaddress") && (names.contains("lastupdatetime") || names.contains("reason")) {
            return .ses
        }
        if names.contains("address") && names.contains("created_at") {
            return .mailgun
        }
        if names.contains("email") && names.contains("created") {
            return .sendgrid
        }
        if Self.firstIndex(of: Self.addressColumns + Self.hashColumns, in: header) != nil {
            return .csv
        }
        return nil
    }

    static let addressColumns = [
        "email", "e-mail", "email address", "email_address", "emailaddress", "mail", "address", "recipient",
    ]
    static let hashColumns = [
        "sha256", "email_sha256", "sha256_email", "hashed_email", "email_hash", "md5", "email_md5", "md5_email", "hash",
    ]

    static func firstIndex(of candidates: [String], in header: [String]) -> Int? {
        for candidate in candidates {
            if let index = header.firstIndex(of: candidate) {
                return index
            }
        }
        return nil
    }

    /// The column mapping for this format, or a message saying what is missing.
    func columns(header: [String]) -> Result<Columns, ImportError.Problem> {
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        func required(_ names: [String]) -> Result<Int, ImportError.Problem> {
            guard let index = Self.firstIndex(of: names, in: header) else {
                return .failure(.init("no \(names.joined(separator: " / ")) column in the header"))
            }
            return .success(index)
        }
        switch self {
        case .text:
            return .failure(.init("text lists have no columns"))
        case .mailchimp:
            guard let entry = column("email address") else { return .failure(.init("no 'Email Address' column")) }
            if let time = column("unsub_time") {
                return .success(
                    Columns(
                        entry: entry,
                        time: time,
                        reason: [column("unsub_reason"), column("unsub_reason_other"), column("unsub_campaign_title")]
                            .compactMap { $0 },
                        defaultReason: "unsubscribed"
                    )
                )
            }
            if let time = column("clean_time") {
                return .success(Columns(entry: entry, time: time, defaultReason: "cleaned (bounced)"))
            }
            return .failure(
                .init(
                    "this Mailchimp export has no UNSUB_TIME or CLEAN_TIME: it lists subscribed members, not opt-outs"
                )
            )
        case .sendgrid:
            let reason = column("reason").map { [$0] } ?? []
            let kind = column("ip") != nil ? "spam report" : (column("status") != nil ? "bounce" : "unsubscribe")
            return required(["email"]).map {
                Columns(entry: $0, time: column("created"), reason: reason, defaultReason: kind)
            }
        case .mailgun:
            if let tags = column("tags") {
                return required(["address"]).map {
                    Columns(
                        entry: $0,
                        time: column("created_at"),
                        scope: tags,
                        defaultReason: "unsubscribe",
                        scopeFromTags: true
                    )
                }
            }
            let reason = [column("code"), column("error")].compactMap { $0 }
            let kind = column("error") != nil || column("code") != nil ? "bounce" : "complaint"
            return required(["address"]).map {
                Columns(entry: $0, time: column("created_at"), reason: reason, defaultReason: kind)
            }
        case .postmark:
            let reason = [column("suppressionreason"), column("origin")].compactMap { $0 }
            return required(["emailaddress"]).map {
                Columns(entry: $0, time: column("createdat"), reason: reason, defaultReason: "suppressed")
            }
        case .ses:
            return required(["emailaddress"]).map {
                Columns(
                    entry: $0,
                    time: column("lastupdatetime"),
                    reason: column("reason").map { [$0] } ?? [],
                    defaultReason: "suppressed"
                )
            }
        case .export:
            return required(["entry"]).map {
                Columns(
                    entry: $0,
                    time: column("effective_at"),
                    reason: column("reason").map { [$0] } ?? [],
                    scope: column("scope"),
                    source: column("source"),
                    defaultReason: "import"
                )
            }
        case .csv:
            return required(Self.addressColumns + Self.hashColumns).map {
                Columns(
                    entry: $0,
                    time: Self.firstIndex(
                        of: [
                            "effective_at", "effective", "unsubscribed_at", "opted_out_at", "created_at", "created",
                            "date", "timestamp",
                        ],
                        in: header
                    ),
                    reason: column("reason").map { [$0] } ?? [],
                    scope: Self.firstIndex(of: ["scope", "category", "categories", "topics"], in: header),
                    source: column("source"),
                    defaultReason: "import"
                )
            }
        }
    }
}
