/// Why a rule file or model file could not be used; each case names the file.
public enum ClassifierLoadError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The rule file is invalid (the error carries file, line and rule).
    case invalidRules(RuleFileError)
    /// The model file is not a model this build reads.
    case invalidModel(file: String, reason: String)
    /// The threshold is not a finite number.
    case invalidThreshold(Double)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .invalidRules(let error): "\(error)"
        case .invalidModel(let file, let reason): "\(file): not a classifier model: \(reason)"
        case .invalidThreshold(let value): "classifier threshold \(value) is not a finite number"
        }
    }
}
