import Foundation

/// Why a token was refused. The endpoint answers every case with the same 400: the kinds are for
/// logs, metrics and `unsubscribe verify`, never for the requester.
public enum UnsubscribeTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a token's text at all (wrong alphabet, length or version).
    case malformed
    /// No configured key opens it: forged, tampered with, or sealed with a key since removed.
    case forged
    /// Genuine but older than `unsubscribe.token_lifetime`.
    case expired(issuedAt: Date)

    /// A label for metrics: `malformed`, `forged`, `expired`.
    public var reason: String {
        switch self {
        case .malformed: "malformed"
        case .forged: "forged"
        case .expired: "expired"
        }
    }

    public var description: String {
        switch self {
        case .malformed: "not an unsubscribe token"
        case .forged: "no configured key opens this token (forged, altered, or sealed with a retired key)"
        case .expired(let issued): "the token expired (issued \(issued))"
        }
    }
}
