/// Whether the policy acts on mail or only reports what it would do.
public enum PolicyMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Apply the configured actions.
    case enforce
    /// Change nothing but the policy header; audit the action enforce would have taken. For a
    /// trial period before a policy goes live.
    case monitor
}
