import Foundation
import Logging
import Policy
import Suppression
import Synchronization
import Unsubscribe

/// What the unsubscribe endpoint does with a token, without HTTP: verify it, and write the opt-out
/// it carries to the configured suppression store.
///
/// Keys, lifetime and store come from the snapshot in force at each request, so a reload rotates
/// keys. After a write it asks the watcher to check the store at once: the next message to that
/// address is judged on a snapshot that has the entry, without waiting for the refresh interval.
///
/// ``unsubscribe(_:now:)`` blocks on SQLite: call it from a thread that may block (the endpoint
/// runs it on a dispatch queue), never from libmilter's threads.
public final class UnsubscribeService: Sendable {
    /// The answer to one request.
    public enum Answer: Sendable, Equatable {
        /// The opt-out is in the store: newly written (`already` false) or there before.
        case unsubscribed(already: Bool)
        /// The token is refused (every kind answers the same to the requester).
        case refused(UnsubscribeTokenError)
        /// The store could not be read or written; the requester should retry.
        case unavailable
        /// `unsubscribe` is no longer configured (a reload removed it).
        case notConfigured
    }

    /// The `source` of entries this service writes.
    public static let source = "one-click"

    private let holder: SnapshotHolder
    private let logger: Logger
    /// Serialises check-then-write, so that two requests for one address write once; and keeps
    /// the store opened for the URL in force, with a normaliser for its options.
    private let store = Mutex<OpenStore?>(nil)

    private struct OpenStore {
        var url: String
        var store: any SuppressionStore
        var normalizer: AddressNormalizer
    }

    public init(holder: SnapshotHolder, logger: Logger) {
        self.holder = holder
        self.logger = logger
    }

    /// Opens `token` with the keys in force; nil when unsubscribe is not configured.
    public func verify(
        _ token: some StringProtocol,
        now: Date = Date()
    ) -> Result<UnsubscribeToken, UnsubscribeTokenError>? {
        Self.verify(token, in: self.holder.current, now: now)
    }

    private static func verify(
        _ token: some StringProtocol,
        in snapshot: PolicySnapshot,
        now: Date
    ) -> Result<UnsubscribeToken, UnsubscribeTokenError>? {
        guard let links = snapshot.policy.unsubscribe?.links else { return nil }
        do {
            return .success(try links.open(token, now: now))
        } catch {
            return .failure(error)
        }
    }

    /// Verifies `token` and writes its opt-out (source `one-click`, the token's scope, effective
    /// now). Idempotent: an address already opted out for that scope changes nothing.
    public func unsubscribe(_ token: some StringProtocol, now: Date = Date()) -> Answer {
        let metrics = self.holder.metrics.unsubscribe
        // One snapshot for the keys and the store, as a message takes one for its whole course.
        let snapshot = self.holder.current
        let opened: UnsubscribeToken
        switch Self.verify(token, in: snapshot, now: now) {
        case nil:
            return .notConfigured
        case .failure(let error):
            if case .expired = error {
                metrics.request(source: Self.source, result: .expired)
            } else {
                metrics.request(source: Self.source, result: .invalid)
            }
            self.logger.info("unsubscribe refused", metadata: ["unsubscribe.reason": "\(error.reason)"])
            return .refused(error)
        case .success(let token):
            opened = token
        }
        let url = snapshot.configuration.suppressionStore
        do {
            let already = try self.store.withLock { cached -> Bool in
                if cached?.url != url {
                    let store = try SuppressionStoreURL(url).open()
                    cached = OpenStore(
                        url: url,
                        store: store,
                        normalizer: try AddressNormalizer(options: store.normalizationOptions())
                    )
                }
                return try Self.write(opened, to: cached!.store, normalizer: cached!.normalizer, now: now)
            }
            metrics.request(source: Self.source, result: already ? .already : .added)
            if !already {
                self.holder.requestChangeCheck()
            }
            self.logger.info(
                already ? "unsubscribe repeated; already opted out" : "unsubscribed",
                metadata: ["unsubscribe.scope": "\(opened.scope)", "unsubscribe.source": "\(Self.source)"]
            )
            return .unsubscribed(already: already)
        } catch {
            metrics.request(source: Self.source, result: .error)
            self.logger.error("unsubscribe not written: the store failed", metadata: ["error": "\(error)"])
            return .unavailable
        }
    }

    /// Writes the entry unless an active one with the same key and scope exists; returns whether it did exist.
    private static func write(
        _ token: UnsubscribeToken,
        to store: any SuppressionStore,
        normalizer: AddressNormalizer,
        now: Date
    ) throws -> Bool {
        let canonical = try normalizer.normalize(token.address).canonical
        let key = try SuppressionKey.parse(canonical, normalizer: normalizer)
        let scope = try SuppressionScope(parsing: token.scope)
        if try store.entries(fingerprints: [key.fingerprint]).contains(where: { $0.key == key && $0.scope == scope }) {
            return true
        }
        try store.write { writer in
            try writer.add(
                NewSuppressionEntry(
                    key: key,
                    raw: canonical,
                    scope: scope,
                    effectiveAt: now,
                    source: Self.source,
                    reason: "one-click unsubscribe (RFC 8058)"
                )
            )
        }
        return false
    }
}
