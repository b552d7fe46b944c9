import Foundation

/// An opt-out as the store keeps it.
public struct SuppressionEntry: Hashable, Sendable {
    /// The store's identifier (stable; reported by lookups and in audit records).
    public var id: Int64
    /// What the entry matches.
    public var key: SuppressionKey
    /// The address or key as it was given (before normalisation).
    public var raw: String
    /// What the opt-out covers.
    public var scope: SuppressionScope
    /// When the opt-out took effect: mail at or after this time is suppressed.
    public var effectiveAt: Date
    /// Where it came from (`cli`, `import:mailchimp:unsubscribed.csv`, ...).
    public var source: String
    /// Why (`unsubscribe link`, `spam complaint`, ...).
    public var reason: String
    /// When the store first recorded it.
    public var createdAt: Date

    /// Creates a value (stores are the usual source).
    public init(
        id: Int64,
        key: SuppressionKey,
        raw: String,
        scope: SuppressionScope,
        effectiveAt: Date,
        source: String,
        reason: String,
        createdAt: Date
    ) {
        self.id = id
        self.key = key
        self.raw = raw
        self.scope = scope
        self.effectiveAt = effectiveAt
        self.source = source
        self.reason = reason
        self.createdAt = createdAt
    }
}

/// An opt-out to be added to a store.
public struct NewSuppressionEntry: Hashable, Sendable {
    /// What the entry matches.
    public var key: SuppressionKey
    /// The address or key as given.
    public var raw: String
    /// What the opt-out covers.
    public var scope: SuppressionScope
    /// When the opt-out took effect.
    public var effectiveAt: Date
    /// Where it came from.
    public var source: String
    /// Why.
    public var reason: String

    /// Creates a draft entry.
    public init(
        key: SuppressionKey,
        raw: String,
        scope: SuppressionScope = .allMarketing,
        effectiveAt: Date = Date(),
        source: String,
        reason: String
    ) {
        self.key = key
        self.raw = raw
        self.scope = scope
        self.effectiveAt = effectiveAt
        self.source = source
        self.reason = reason
    }
}
