import Foundation

/// Learnt weights for the rules' hits, as SpamAssassin learns its rule scores: a regularised logistic
/// regression over which rules fired, at two levels.
///
/// - Message level: `bias + Σ weights[rule]` over every rule that fired (service evidence has negative
///   weights), the log-odds that the message as a whole is marketing.
/// - Block level: `blockBias + Σ blockWeights[rule]` over the promoting rules that fired in one block.
///   Block weights are never negative and service rules have none, so nothing around a block lowers it.
///
/// The probability of marketing combines both as a noisy-OR (the message is marketing unless neither
/// the message nor any block is): `1 - (1 - σ(message)) · Π (1 - σ(block))`. Rules the model does not
/// know (a site's own rules) count their `score` as log-odds. ``ModelTrainer`` fits the weights.
public struct ScoringModel: Sendable, Hashable, Codable {
    public var manifest: ModelManifest
    public var bias: Double
    public var blockBias: Double
    public var weights: [String: Double]
    public var blockWeights: [String: Double]

    /// The score of even odds: verdict scores are `evenOdds + log-odds`, so the rules' old threshold of 5
    /// keeps meaning "as likely marketing as not".
    public static let evenOdds = 5.0

    public init(
        manifest: ModelManifest,
        bias: Double,
        blockBias: Double,
        weights: [String: Double],
        blockWeights: [String: Double]
    ) {
        self.manifest = manifest
        self.bias = bias
        self.blockBias = blockBias
        self.weights = weights
        self.blockWeights = blockWeights
    }

    /// Reads a model file (JSON, as `optout-milter train` writes it).
    public static func decode(_ data: Data, name: String) throws(ClassifierLoadError) -> ScoringModel {
        do {
            return try JSONDecoder().decode(ScoringModel.self, from: data)
        } catch {
            throw ClassifierLoadError.invalidModel(file: name, reason: "\(error)")
        }
    }

    /// The model as pretty-printed JSON with sorted keys (stable diffs between trainings).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Message-level log-odds of rules that fired.
    func messageLogit(_ ruleIDs: some Sequence<String>, fallback: (String) -> Double) -> Double {
        ruleIDs.reduce(self.bias) { $0 + (self.weights[$1] ?? fallback($1)) }
    }

    /// Block-level log-odds of promoting rules that fired in one block.
    func blockLogit(_ ruleIDs: some Sequence<String>, fallback: (String) -> Double) -> Double {
        ruleIDs.reduce(self.blockBias) { $0 + max(0, self.blockWeights[$1] ?? fallback($1)) }
    }

    /// `1 - (1 - σ(message)) Π (1 - σ(block))` as log-odds, computed in log space so that strong
    /// evidence does not round to a probability of exactly 1.
    static func combinedLogit(message: Double, blocks: [Double]) -> Double {
        // log P(not marketing) = Σ log σ(-s).
        let logNot = ([message] + blocks).reduce(0.0) { $0 - softplus($1) }
        // logit = log(1 - e^logNot) - logNot.
        let logYes = logNot > -1e-12 ? log(max(-logNot, 1e-300)) : log(-expm1(logNot))
        return logYes - logNot
    }

    /// log(1 + e^x), without overflow.
    static func softplus(_ x: Double) -> Double {
        x > 30 ? x : x < -30 ? exp(x) : log1p(exp(x))
    }
}

/// What a model was trained on, when, how, and how well it did in grouped cross-validation.
public struct ModelManifest: Sendable, Hashable, Codable {
    public var name: String
    /// ISO 8601 date of training.
    public var created: String
    /// The rule set whose hits are the features (`built-in` or a file name).
    public var rules: String
    /// The labelled data, in words (where from, how many of each label).
    public var data: String
    public var examples: Int
    public var marketingExamples: Int
    public var parameters: TrainingParameters
    /// Grouped cross-validation on the training data, when it was run.
    public var crossValidation: CrossValidationFigures?

    public init(
        name: String,
        created: String,
        rules: String,
        data: String,
        examples: Int,
        marketingExamples: Int,
        parameters: TrainingParameters,
        crossValidation: CrossValidationFigures? = nil
    ) {
        self.name = name
        self.created = created
        self.rules = rules
        self.data = data
        self.examples = examples
        self.marketingExamples = marketingExamples
        self.parameters = parameters
        self.crossValidation = crossValidation
    }
}
