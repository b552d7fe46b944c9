import Yams

/// The parsed contents of one YAML rule file (see docs/RULES.md for the format).
public struct RuleFile: Sendable {
    /// Where the rules came from, for messages.
    public var name: String
    /// Score at or above which a message is marketing; nil keeps the base value.
    public var threshold: Double?
    /// The header that carries the sender's declared category; nil keeps the base value.
    public var categoryHeader: String?
    /// `extends: builtin`: start from the built-in pack and add, replace or disable rules.
    public var extendsBuiltin: Bool
    /// Rule ids of the base pack to drop.
    public var disabled: [String]
    public var groups: [RuleGroup]
    public var rules: [Rule]

    /// Parses `yaml`; errors name `name`, the line and the rule id.
    public static func parse(_ yaml: String, name: String) throws(RuleFileError) -> RuleFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw RuleFileError(file: name, line: Self.line(of: error), message: "not valid YAML: \(error)")
        } catch {
            throw RuleFileError(file: name, line: 0, message: "not valid YAML: \(error)")
        }
        guard let root else {
            throw RuleFileError(file: name, line: 0, message: "empty rule file")
        }
        var reader = RuleFileReader(file: name)
        return try reader.read(root)
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            mark.line
        default:
            0
        }
    }
}
