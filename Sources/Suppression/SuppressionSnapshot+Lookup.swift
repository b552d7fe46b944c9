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
        let seconds = SlotWord.seconds(date)
        let categoryID = category.flatMap { self.categoryIDs[$0] ?? self.categoryIDs[$0.lowercased()] }
        do {
            return try self.normalizer.withNormalizedBytes(recipient) { bytes in
                self.firstMatch(bytes, categoryID: categoryID, seconds: seconds)
            }
        } catch let error as AddressError {
            throw error
        } catch {
            preconditionFailure("only AddressError is thrown here: \(error)")
        }
    }

    /// Whether `recipient` is suppressed; invalid addresses are reported as not suppressed.
    public func isSuppressed(recipient: String, category: String? = nil, at date: Date = Date()) -> Bool {
        ((try? self.lookup(recipient: recipient, category: category, at: date)) ?? nil) != nil
    }

    @inline(__always)
    func firstMatch(_ bytes: NormalizedBytes, categoryID: UInt16?, seconds: UInt32) -> SuppressionMatch? {
        var found: (packed: UInt64, id: UInt32, form: UnsafeBufferPointer<UInt8>)?
        _ = LookupProbe.forEach(bytes, presence: self.presence) { probe in
            self.table(probe.table).prefetch(probe.fingerprint)
        } _: { probe in
            let hit = self.table(probe.table).first(probe.fingerprint) { word in
                probe.kinds.contains(kindBits: SlotWord.kindBits(word))
                    && SlotWord.effectiveAt(word) <= seconds
                    && self.scopeApplies(SlotWord.scopeIndex(word), categoryID: categoryID)
            }
            guard let hit else { return false }
            found = (hit.packed, hit.id, probe.form)
            return true
        }
        guard let found else { return nil }
        return SuppressionMatch(
            entryID: Int64(found.id),
            kind: EntryKind(rawValue: Int(SlotWord.kindBits(found.packed))) ?? .exact,
            matchedForm: String(decoding: found.form, as: UTF8.self),
            scope: self.scopes[SlotWord.scopeIndex(found.packed)],
            effectiveAt: Date(timeIntervalSince1970: TimeInterval(SlotWord.effectiveAt(found.packed)))
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
