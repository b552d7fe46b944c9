/// Everything the policy reads from the configuration, as one value inside the snapshot.
public struct PolicySettings: Sendable, Hashable {
    /// `mode`: enforce (default) or monitor.
    public var mode: PolicyMode
    public var outbound: OutboundScope
    public var declared: DeclaredCategory
    public var actions: PolicyActions
    /// `classifier.uncertain_band`: a verdict whose score is closer than this to the threshold is
    /// uncertain. Default 1.0 (in the classifier's score units).
    public var uncertainBand: Double
    /// `header`: the name of the header that carries the verdict; nil for none. Default
    /// `X-OptOut-Policy`.
    public var headerName: String?

    public init(
        mode: PolicyMode = .enforce,
        outbound: OutboundScope = OutboundScope(),
        declared: DeclaredCategory = DeclaredCategory(),
        actions: PolicyActions = PolicyActions(),
        uncertainBand: Double = 1.0,
        headerName: String? = "X-OptOut-Policy"
    ) {
        self.mode = mode
        self.outbound = outbound
        self.declared = declared
        self.actions = actions
        self.uncertainBand = uncertainBand
        self.headerName = headerName
    }
}
