import Foundation

extension SuppressionSnapshot {
    /// Whether `recipient` is suppressed for marketing in `category` at `date`, and by which entry.
    ///
    /// An entry applies when its scope covers the category (all-marketing entries cover every
    /// category and uncategorised marketing) and it took effect at or before `date`. The cost is
    /// normalisation, one XXH3 and one probe for a list of addresses; hashed and domain entries
    /// add digests and probes only when the snapshot holds such entries.
    ///
    /// - Parameters:
    ///   - recipient: the address as the MTA gave it (angle brackets and a display name are fine).
    ///   - category: the message's marketing category, or nil for marketing with no category.
    ///   - date: the time to judge at (usually now; the message's arrival when re-evaluating).
    /// - Returns: the first applicable entry, or nil.
    /// - Throws: ``AddressError`` when the recipient is not an address.
    public func lookup(
        recipient: String,
        category: String? = nil,
        at date: Date = Date()
    ) throws(AddressError) -> SuppressionMatch? {
        // The match (a string, a scope) is built only for a hit; a miss returns a bare nil.
        try self.withFirstHit(recipient, category: category, at: date) { $0.map(self.match) }
    }

    /// Whether `recipient` is suppressed: the same probes as ``lookup(recipient:category:at:)``
    /// without building the match.
    ///
    /// - Throws: ``AddressError`` when the recipient is not an address (never answered as "not
    ///   suppressed": the caller decides, as the daemon does through `on_internal_error`).
    public func isSuppressed(
        recipient: String,
        category: String? = nil,
        at date: Date = Date()
    ) throws(AddressError) -> Bool {
        try self.withFirstHit(recipient, category: category, at: date) { $0 != nil }
    }

    /// Normalises `recipient`, probes, and hands the first applicable hit (or nil) to `answer`
    /// while the bytes it matched still exist.
    @inline(__always)
    private func withFirstHit<R>(
        _ recipient: String,
        category: String?,
        at date: Date,
        _ answer: (Hit?) -> R
    ) throws(AddressError) -> R {
        let seconds = SlotWord.seconds(date)
        let categoryID = self.categoryID(category)
        do {
            return try self.normalizer.withNormalizedBytes(recipient) { bytes in
                answer(self.firstHit(bytes, categoryID: categoryID, seconds: seconds))
            }
        } catch let error as AddressError {
            throw error
        } catch {
            // `answer` does not throw, so only the normaliser can, and it throws AddressError.
            preconditionFailure("only AddressError is thrown here: \(error)")
        }
    }

    @inline(__always)
    private func categoryID(_ category: String?) -> UInt16? {
        guard let category else { return nil }
        return self.categoryIDs[category] ?? self.categoryIDs[category.lowercased()]
    }

    /// The slot that answered a lookup and the form it matched (valid inside the normaliser's closure).
    struct Hit {
        var packed: UInt64
        var id: UInt32
        var form: UnsafeBufferPointer<UInt8>
    }

    @inline(__always)
    func firstHit(_ bytes: NormalizedBytes, categoryID: UInt16?, seconds: UInt32) -> Hit? {
        var found: Hit?
        _ = LookupProbe.forEach(bytes, presence: self.presence) { probe in
            self.view(probe.table).prefetch(probe.fingerprint)
        } _: { probe in
            let hit = self.view(probe.table).first(probe.fingerprint) { word in
                probe.kinds.contains(kindBits: SlotWord.kindBits(word))
                    && SlotWord.effectiveAt(word) <= seconds
                    && self.scopeApplies(SlotWord.scopeIndex(word), categoryID: categoryID)
            }
            guard let hit else { return false }
            found = Hit(packed: hit.packed, id: hit.id, form: probe.form)
            return true
        }
        return found
    }

    private func match(_ hit: Hit) -> SuppressionMatch {
        SuppressionMatch(
            entryID: Int64(hit.id),
            kind: EntryKind(rawValue: Int(SlotWord.kindBits(hit.packed))) ?? .exact,
            matchedForm: String(decoding: hit.form, as: UTF8.self),
            scope: self.scopes[SlotWord.scopeIndex(hit.packed)],
            effectiveAt: Date(timeIntervalSince1970: TimeInterval(SlotWord.effectiveAt(hit.packed)))
        )
    }

    @inline(__always)
    func scopeApplies(_ index: Int, categoryID: UInt16?) -> Bool {
        if self.scopeCoversAll[index] {
            return true
        }
        guard let categoryID else { return false }
        return self.scopeCategories[index].contains(categoryID)
    }
}
