import Testing

@testable import Suppression

@Suite struct FingerprintTableTests {
    /// Every inserted fingerprint is found with its own slot data, and others are not, in both
    /// layouts; at 20 000 entries many fingerprints share a tag byte, so the tagged probe must
    /// confirm against the full fingerprint. Duplicates are told apart by `accept`.
    @Test(arguments: [false, true])
    func findsWhatWasInsertedAndNothingElse(tagged: Bool) {
        var generator = SystemRandomNumberGenerator()
        let keys = (0..<20_000).map { _ in Fingerprint.slotValue(generator.next()) }
        let table = FingerprintTable(expectedCount: keys.count + 1, tagged: tagged)
        for (index, key) in keys.enumerated() {
            table.insert(fingerprint: key, packed: UInt64(index), id: UInt32(index))
        }
        // The same fingerprint again (one address, a second scope): a later slot.
        table.insert(fingerprint: keys[7], packed: 99_999, id: 99_999)
        for (index, key) in keys.enumerated() {
            table.view.prefetch(key)
            #expect(table.view.first(key) { _ in true }?.id == UInt32(index))
        }
        #expect(table.view.first(keys[7]) { $0 == 99_999 }?.id == 99_999)
        let present = Set(keys)
        for _ in 0..<20_000 {
            let other = Fingerprint.slotValue(generator.next())
            if !present.contains(other) {
                #expect(table.view.first(other) { _ in true } == nil)
            }
            // Same tag byte and home region as a present key, different fingerprint.
            let sibling = keys[Int.random(in: 0..<keys.count)] ^ 0x100
            if !present.contains(sibling) {
                #expect(table.view.first(sibling) { _ in true } == nil)
            }
        }
    }
}
