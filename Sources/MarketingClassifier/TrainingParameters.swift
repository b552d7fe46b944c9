/// How ``ModelTrainer`` fits a model; stored in the manifest so a training can be repeated.
public struct TrainingParameters: Sendable, Hashable, Codable {
    /// L2 penalty on every weight (not the intercepts), per example: larger means smaller weights,
    /// so no single rule can carry a verdict unless the data insist.
    public var l2: Double
    /// Full-batch gradient steps (Adam).
    public var iterations: Int
    public var learningRate: Double
    /// Weigh each class by the inverse of its frequency, so a marketing-heavy corpus does not teach
    /// the model that most mail is marketing.
    public var balanceClasses: Bool
    /// Highest block intercept allowed. Left free, the intercept learns "a block where any promoting
    /// rule fired is marketing" (one weak phrase worth the whole threshold, measured here); capped,
    /// the rules' own block weights must carry a block, so a lone weak phrase cannot.
    public var maxBlockBias: Double

    public init(
        l2: Double = 0.02,
        iterations: Int = 1500,
        learningRate: Double = 0.05,
        balanceClasses: Bool = true,
        maxBlockBias: Double = -2
    ) {
        self.l2 = l2
        self.iterations = iterations
        self.learningRate = learningRate
        self.balanceClasses = balanceClasses
        self.maxBlockBias = maxBlockBias
    }

    private enum CodingKeys: String, CodingKey {
        case l2, iterations, learningRate, balanceClasses, maxBlockBias
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.l2 = try container.decode(Double.self, forKey: .l2)
        self.iterations = try container.decode(Int.self, forKey: .iterations)
        self.learningRate = try container.decode(Double.self, forKey: .learningRate)
        self.balanceClasses = try container.decode(Bool.self, forKey: .balanceClasses)
        // Models written before the cap existed were trained without one.
        self.maxBlockBias = try container.decodeIfPresent(Double.self, forKey: .maxBlockBias) ?? .infinity
    }
}

/// One labelled message for training: the rules that fired (``MarketingClassifier/features(_:envelope:)``),
/// its label, and the group it belongs to for cross-validation (its sender's domain).
public struct TrainingExample: Sendable, Hashable {
    public var features: ModelFeatures
    public var isMarketing: Bool
    /// Messages of one group are never split between training and test folds.
    public var group: String

    public init(features: ModelFeatures, isMarketing: Bool, group: String) {
        self.features = features
        self.isMarketing = isMarketing
        self.group = group
    }
}
