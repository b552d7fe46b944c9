import CMilter

/// Namespace for the libmilter binding. Filled in by the foundation issue.
public enum Milter {
    /// The libmilter protocol version this binding was compiled against.
    public static var libraryVersion: Int { Int(SMFI_VERSION) }
}
