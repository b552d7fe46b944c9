import Synchronization

/// The status `smfi_main` returned, handed from its thread to the main thread.
final class MilterResultBox: Sendable {
    private static let unset = Int32.min
    private let value = Atomic<Int32>(MilterResultBox.unset)

    func store(_ result: Int32) {
        self.value.store(result, ordering: .releasing)
    }

    /// The result, or nil while `smfi_main` is still running.
    func load() -> Int32? {
        let result = self.value.load(ordering: .acquiring)
        return result == Self.unset ? nil : result
    }
}
