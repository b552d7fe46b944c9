import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs the reload hook on its own thread when SIGUSR1 arrives, so that a slow reload (a large
/// suppression list) neither blocks the signal-waiting main thread nor any callback.
final class MilterReloader: @unchecked Sendable {
    // @unchecked: the semaphore is a C object made for use across threads; it is created in init and
    // never freed (one reloader per process, alive until exit).
    private let semaphore: UnsafeMutablePointer<sem_t>
    private let onReload: @Sendable () -> Void
    private let logger: Logger

    init(onReload: @escaping @Sendable () -> Void, logger: Logger) {
        self.semaphore = .allocate(capacity: 1)
        sem_init(self.semaphore, 0, 0)
        self.onReload = onReload
        self.logger = logger
    }

    /// Asks for a reload (from the signal-waiting thread).
    func request() {
        sem_post(self.semaphore)
    }

    /// The reload loop; runs forever on its own thread.
    func run() {
        while true {
            guard sem_wait(self.semaphore) == 0 else {
                continue
            }
            self.logger.info("reload requested")
            self.onReload()
        }
    }
}
