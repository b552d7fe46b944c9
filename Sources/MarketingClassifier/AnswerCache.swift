/// A few remembered pattern answers for short strings: a linear scan with `==` beats hashing for
/// the handful of distinct query names and values a message repeats on every link.
struct AnswerCache {
    private var entries: [(key: String, answer: Bool)] = []
    private static let capacity = 8

    func answer(for key: String) -> Bool? {
        self.entries.first { $0.key == key }?.answer
    }

    mutating func remember(_ key: String, _ answer: Bool) {
        if self.entries.count < Self.capacity { self.entries.append((key, answer)) }
    }
}
