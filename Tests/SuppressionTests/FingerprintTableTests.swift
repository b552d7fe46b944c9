import Testing

@testable import Suppression

@Suite struct FingerprintTableTests {
    /// Every inserted fingerprint is found with its own slot data (the filter never hides one),
    /// and others are not, including those the filter lets through. Duplicates are told apart by
    /// `accept`.
    @Test func findsWhatWasInsertedAndNothingElse() {
        var generator = SystemRandomNumberGenerator()
        let keys = (0..<20_000).map { _ in Fingerprint.slotValue(generator.next()) }
        let table = FingerprintTable(expectedCount: keys.count + 1)
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
            // Same filter bits (low half) as a present key, different fingerprint.
            let sibling = keys[Int.random(in: 0..<keys.count)] ^ (1 << 40)
            if !present.contains(sibling) {
                #expect(table.view.first(sibling) { _ in true } == nil)
            }
        }
    }
}

@Suite struct FingerprintFilterTests {
    /// No false negatives, and a false-positive rate near the design's (~2 % at 8 bits a key):
    /// a filter that let most absent keys through would cost a memory read per lookup again.
    @Test func neverForgetsAndRarelyAdmitsStrangers() {
        var generator = SystemRandomNumberGenerator()
        let keys = (0..<100_000).map { _ in Fingerprint.slotValue(generator.next()) }
        let blocks = FingerprintFilter.blockCount(forKeys: keys.count)
        let words = UnsafeMutablePointer<UInt32>.allocate(capacity: blocks * FingerprintFilter.wordsPerBlock)
        defer { words.deallocate() }
        words.initialize(repeating: 0, count: blocks * FingerprintFilter.wordsPerBlock)
        for key in keys {
            FingerprintFilter.insert(key, into: words, blocks: blocks)
        }
        #expect(keys.allSatisfy { FingerprintFilter.mayContain($0, words: words, blocks: blocks) })
        let present = Set(keys)
        var admitted = 0
        var tried = 0
        for _ in 0..<100_000 {
            let other = Fingerprint.slotValue(generator.next())
            guard !present.contains(other) else { continue }
            tried += 1
            admitted += FingerprintFilter.mayContain(other, words: words, blocks: blocks) ? 1 : 0
        }
        let rate = Double(admitted) / Double(tried)
        #expect(rate < 0.04, "false-positive rate \(rate)")
    }
}
