import Logging
import Synchronization
import Testing

@testable import OptOutMilter

@Suite struct SnapshotHolderTests {
    struct BrokenList: Error {}

    @Test func reloadSwapsInTheNewSnapshot() {
        let holder = SnapshotHolder(
            initial: PolicySnapshot(version: "a"),
            logger: Logger(label: "test", factory: SwiftLogNoOpLogHandler.init)
        ) {
            generation in
            PolicySnapshot(version: "b", generation: generation)
        }
        #expect(holder.current.version == "a")
        holder.reload()
        #expect(holder.current.version == "b")
        #expect(holder.current.generation == 1)
    }

    @Test func aFailedReloadKeepsTheCurrentSnapshot() {
        let attempts = Atomic<Int>(0)
        let holder = SnapshotHolder(
            initial: PolicySnapshot(version: "a"),
            logger: Logger(label: "test", factory: SwiftLogNoOpLogHandler.init)
        ) { _ in
            attempts.add(1, ordering: .relaxed)
            throw BrokenList()
        }
        holder.reload()
        #expect(attempts.load(ordering: .relaxed) == 1)
        #expect(holder.current.version == "a")
        #expect(holder.current.generation == 0)
    }
}
