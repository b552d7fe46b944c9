#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Starts detached POSIX threads for blocking work (`smfi_main`, the reload loop) that must never
/// run on Swift's cooperative pool. They inherit the creating thread's blocked signal mask.
enum MilterThread {
    private final class Body: Sendable {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread,
            nil,
            { raw in
                guard let raw else {
                    return nil
                }
                Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
                return nil
            },
            box
        )
        guard status == 0 else {
            // Without the thread the milter cannot work; this is a resource exhaustion at start-up.
            fatalError("pthread_create failed: \(status)")
        }
        pthread_detach(thread)
    }
}
