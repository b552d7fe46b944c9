/// The `metrics` section: where the HTTP listener for `/metrics`, `/healthz` and `/readyz` binds,
/// who may read `/metrics`, and how old the snapshot may get before `/readyz` says not ready.
public struct MetricsSettings: Sendable, Hashable {
    /// `127.0.0.1:9187`: loopback, so that nothing is exposed unless the file says so.
    public static let defaultListen = MetricsListenAddress(host: "127.0.0.1", port: 9187)

    /// `metrics.listen`; nil (`""` in the file) turns the listener off.
    public var listen: MetricsListenAddress?
    /// `metrics.allow_remote`: must be true for a `listen` address that is not loopback.
    public var allowRemote: Bool
    /// `metrics.token`: when set, `/metrics` wants `Authorization: Bearer TOKEN`.
    public var token: String?
    /// `metrics.max_snapshot_age`: seconds since the snapshot was built or last found current
    /// beyond which `/readyz` answers 503 (a store that keeps failing its change checks).
    public var maxSnapshotAgeSeconds: Double

    public init(
        listen: MetricsListenAddress? = Self.defaultListen,
        allowRemote: Bool = false,
        token: String? = nil,
        maxSnapshotAgeSeconds: Double = 300
    ) {
        self.listen = listen
        self.allowRemote = allowRemote
        self.token = token
        self.maxSnapshotAgeSeconds = maxSnapshotAgeSeconds
    }
}
