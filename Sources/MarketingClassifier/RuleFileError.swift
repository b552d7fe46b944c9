/// A rule file that cannot be used, with where and why: file, line and (when known) the rule id.
public struct RuleFileError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file name (or `built-in`).
    public var file: String
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// The id of the rule at fault, when the error is inside a rule.
    public var ruleID: String?
    public var message: String

    public init(file: String, line: Int, ruleID: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.ruleID = ruleID
        self.message = message
    }

    /// `file:line: rule 'id': message`, the shape compilers use so editors can jump to it.
    public var description: String {
        let location = self.line > 0 ? "\(self.file):\(self.line)" : self.file
        if let ruleID = self.ruleID {
            return "\(location): rule '\(ruleID)': \(self.message)"
        }
        return "\(location): \(self.message)"
    }
}
