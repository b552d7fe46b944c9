import CMilter

/// The MTA's macros (`{auth_authen}`, `i`, `{daemon_name}`...) visible at the current stage.
///
/// Looked up lazily, one `smfi_getsymval` per asked name, so that a session pays only for what it
/// reads. Valid only during the callback that received it: do not keep it.
public struct MilterMacros {
    private enum Storage {
        case context(OpaquePointer)
        case values([String: String])
    }

    private let storage: Storage

    /// Macros from a dictionary, for tests and for running a session without an MTA.
    public init(_ values: [String: String] = [:]) {
        self.storage = .values(values)
    }

    init(context: OpaquePointer) {
        self.storage = .context(context)
    }

    /// The value of a macro, by its name with or without braces (`"i"`, `"{auth_authen}"`).
    public subscript(name: String) -> String? {
        switch self.storage {
        case .values(let values):
            if let value = values[name] {
                return value
            }
            if name.hasPrefix("{"), name.hasSuffix("}") {
                return values[String(name.dropFirst().dropLast())]
            }
            return values["{\(name)}"]
        case .context(let context):
            guard let value = CMilter_getsymval(context, name) else {
                return nil
            }
            return String(cString: value)
        }
    }
}
