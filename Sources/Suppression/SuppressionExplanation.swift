import Foundation

/// Everything `suppress lookup` reports: the normalised forms, the entry that applies (the one
/// the daemon's snapshot would report), and entries that match the address but do not apply.
public struct SuppressionExplanation: Sendable {
    /// One entry found for the recipient.
    public struct Finding: Sendable {
        /// The entry.
        public var entry: SuppressionEntry
        /// The normalised text it matched (address form or domain).
        public var matchedForm: String
        /// Nil when the entry applies; otherwise why not.
        public var notApplicable: String?
    }

    /// The recipient's normalised forms.
    public var address: NormalizedAddress
    /// Entries in the order the daemon checks them.
    public var findings: [Finding]

    /// The first applicable finding: what the daemon would act on.
    public var match: Finding? { self.findings.first { $0.notApplicable == nil } }

    /// Asks `store` directly (no snapshot): which entries match `recipient` for `category` at `date`.
    public static func explain(
        recipient: String,
        category: String?,
        at date: Date,
        store: any SuppressionStore
    ) throws -> SuppressionExplanation {
        let normalizer = try AddressNormalizer(options: store.normalizationOptions())
        let address = try normalizer.normalize(recipient)
        var probes: [(fingerprint: UInt64, kinds: KindMask, form: String)] = []
        _ = try normalizer.withNormalizedBytes(recipient) { bytes in
            LookupProbe.forEach(bytes, presence: .all, prepare: { _ in }) { probe in
                probes.append((probe.fingerprint, probe.kinds, String(decoding: probe.form, as: UTF8.self)))
                return false
            }
        }
        let entries = try store.entries(fingerprints: probes.map(\.fingerprint))
        var findings: [Finding] = []
        for probe in probes {
            for entry in entries
            where entry.key.fingerprint == probe.fingerprint
                && probe.kinds.contains(kindBits: UInt8(entry.key.kind.rawValue))
            {
                var why: String?
                if !entry.scope.covers(category: category) {
                    why =
                        "scope \(entry.scope.spec) does not cover "
                        + (category.map { "category \($0)" } ?? "uncategorised marketing")
                } else if entry.effectiveAt > date {
                    why = "takes effect only at \(entry.effectiveAt)"
                }
                findings.append(Finding(entry: entry, matchedForm: probe.form, notApplicable: why))
            }
        }
        return SuppressionExplanation(address: address, findings: findings)
    }
}
