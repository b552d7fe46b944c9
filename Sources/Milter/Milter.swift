import CMilter

/// Namespace for facts about the libmilter this binding runs on.
public enum Milter {
    /// The libmilter protocol version this binding was compiled against.
    public static var libraryVersion: Int { Int(SMFI_VERSION) }
}
