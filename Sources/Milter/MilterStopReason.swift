/// Why `MilterServer.run` returned.
public enum MilterStopReason: Sendable, Hashable {
    /// A stop signal (SIGTERM, SIGINT, SIGHUP) was received and the milter drained and stopped.
    case signal(Int32)
    /// libmilter's main loop ended by itself; `succeeded` is false when it reported a failure.
    case libraryStopped(succeeded: Bool)
}
