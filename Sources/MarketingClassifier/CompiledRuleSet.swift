/// An immutable, validated set of rules ready to classify messages from any thread.
///
/// Build it once (at start-up or reload) with ``builtin()``, ``load(yaml:name:)`` or
/// ``init(rules:groups:threshold:categoryHeader:source:)``; share the value freely.
public struct CompiledRuleSet: Sendable {
    /// Score at or above which a message is marketing.
    public let threshold: Double
    /// The header carrying the sender's declared category (`service`, `marketing`, ...).
    public let categoryHeader: String
    public let rules: [Rule]
    public let groups: [String: RuleGroup]
    /// Where the rules came from (`built-in` or a file name), for logs and `check` output.
    public let source: String
    /// True when some rule reads the body: the milter asks the MTA for the body only then.
    public let needsBody: Bool
    /// The latest stage any rule needs.
    public let lastStage: Stage
    /// Skips text rules whose leading words do not occur in a message.
    let prefilter: TextPrefilter

    /// The default threshold of the built-in pack.
    public static let defaultThreshold = 5.0
    /// The default declared-category header.
    public static let defaultCategoryHeader = "X-Message-Category"

    /// Validates `rules` (unique ids, known groups) and builds the set.
    public init(
        rules: [Rule],
        groups: [RuleGroup] = [],
        threshold: Double = CompiledRuleSet.defaultThreshold,
        categoryHeader: String = CompiledRuleSet.defaultCategoryHeader,
        source: String = "rules"
    ) throws(RuleFileError) {
        var seen = Set<String>()
        let groupTable = Dictionary(groups.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        for rule in rules {
            guard seen.insert(rule.id).inserted else {
                throw RuleFileError(file: source, line: rule.line, ruleID: rule.id, message: "duplicate rule id")
            }
            if let group = rule.group, groupTable[group] == nil {
                throw RuleFileError(
                    file: source,
                    line: rule.line,
                    ruleID: rule.id,
                    message: "group '\(group)' is not declared under 'groups'"
                )
            }
        }
        self.rules = rules
        self.groups = groupTable
        self.threshold = threshold
        self.categoryHeader = categoryHeader
        self.source = source
        self.lastStage = rules.map(\.stage).max() ?? .envelope
        self.needsBody = self.lastStage == .body
        self.prefilter = TextPrefilter(rules: rules)
    }

    /// Compiles a rule file; with `extends: builtin` it adds to, replaces (same id) or disables
    /// rules of the built-in pack.
    public static func load(yaml: String, name: String) throws(RuleFileError) -> CompiledRuleSet {
        let file = try RuleFile.parse(yaml, name: name)
        guard file.extendsBuiltin else {
            return try CompiledRuleSet(
                rules: file.rules,
                groups: file.groups,
                threshold: file.threshold ?? Self.defaultThreshold,
                categoryHeader: file.categoryHeader ?? Self.defaultCategoryHeader,
                source: name
            )
        }
        let base = try RuleFile.parse(BuiltinRules.yaml, name: BuiltinRules.name)
        let known = Set(base.rules.map(\.id))
        for id in file.disabled where !known.contains(id) {
            throw RuleFileError(
                file: name,
                line: 0,
                ruleID: id,
                message: "'disable' names a rule the built-in pack lacks"
            )
        }
        let replaced = Set(file.rules.map(\.id)).union(file.disabled)
        let rules = base.rules.filter { !replaced.contains($0.id) } + file.rules
        return try CompiledRuleSet(
            rules: rules,
            groups: base.groups + file.groups,
            threshold: file.threshold ?? base.threshold ?? Self.defaultThreshold,
            categoryHeader: file.categoryHeader ?? base.categoryHeader ?? Self.defaultCategoryHeader,
            source: "\(BuiltinRules.name)+\(name)"
        )
    }

    /// The rule pack compiled into the binary.
    public static func builtin() -> CompiledRuleSet {
        do {
            return try Self.load(yaml: BuiltinRules.yaml, name: BuiltinRules.name)
        } catch {
            // The pack is a constant covered by tests; failing here is a build defect, not input.
            fatalError("built-in rule pack does not compile: \(error)")
        }
    }

    /// The same rules with only those whose stage is at most `stage` (e.g. headers only).
    public func restricted(to stage: Stage) -> CompiledRuleSet {
        do {
            return try CompiledRuleSet(
                rules: self.rules.filter { $0.stage <= stage },
                groups: Array(self.groups.values),
                threshold: self.threshold,
                categoryHeader: self.categoryHeader,
                source: self.source
            )
        } catch {
            fatalError("a subset of a valid rule set is valid: \(error)")
        }
    }
}
