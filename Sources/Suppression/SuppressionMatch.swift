import Foundation

/// Why a recipient is suppressed: the entry that matched and how.
public struct SuppressionMatch: Hashable, Sendable, CustomStringConvertible {
    /// The store id of the entry (look it up for source and reason).
    public var entryID: Int64
    /// How the entry matches.
    public var kind: EntryKind
    /// The normalised text that matched: the canonical or basic address, or the (parent) domain.
    public var matchedForm: String
    /// The entry's scope.
    public var scope: SuppressionScope
    /// When the entry took effect.
    public var effectiveAt: Date

    /// Creates a match.
    public init(entryID: Int64, kind: EntryKind, matchedForm: String, scope: SuppressionScope, effectiveAt: Date) {
        self.entryID = entryID
        self.kind = kind
        self.matchedForm = matchedForm
        self.scope = scope
        self.effectiveAt = effectiveAt
    }

    public var description: String {
        let how: String
        switch self.kind {
        case .exact: how = "address \(self.matchedForm)"
        case .domain: how = "domain \(self.matchedForm)"
        case .domainTree: how = "domain \(self.matchedForm) or a subdomain of it"
        case .sha256: how = "SHA-256 of \(self.matchedForm)"
        case .md5: how = "MD5 of \(self.matchedForm)"
        }
        return "entry \(self.entryID) (\(self.kind)): \(how), scope \(self.scope.spec), effective \(self.effectiveAt)"
    }
}
