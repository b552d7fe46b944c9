/// The version printed by `--version` and put in the `X-OptOut-Milter` header.
public enum OptOutMilterVersion {
    public static let current = "0.1.0"
}
