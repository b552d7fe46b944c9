import Foundation

/// Fits a ``ScoringModel`` to labelled examples: a two-level logistic regression over rule hits.
///
/// The likelihood is the model's own noisy-OR: a marketing message needs the message-level evidence or
/// some block to explain it; a non-marketing message needs both to stay low. Block weights are kept
/// non-negative (projected after each step), and only promoting rules have them, so training can never
/// teach a block to be cancelled by service evidence. Deterministic: no random initialisation, no
/// shuffling, full-batch steps.
public struct ModelTrainer: Sendable {
    public var parameters: TrainingParameters
    /// Every rule id of the rule set and whether it may have a block weight.
    let vocabulary: [String]
    let promotes: Set<String>

    public init(rules: CompiledRuleSet, parameters: TrainingParameters = TrainingParameters()) {
        self.parameters = parameters
        self.vocabulary = rules.rules.map(\.id)
        self.promotes = Set(rules.rules.filter(\.promotes).map(\.id))
    }

    /// Fits weights to `examples`; `manifest` describes them (its parameters are overwritten).
    public func train(_ examples: [TrainingExample], manifest: ModelManifest) -> ScoringModel {
        let index = Dictionary(self.vocabulary.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = examples.map { example in
            Row(
                message: example.features.message.compactMap { index[$0] },
                blocks: example.features.blocks.map {
                    $0.compactMap { id in self.promotes.contains(id) ? index[id] : nil }
                }
                .filter { !$0.isEmpty },
                label: example.isMarketing
            )
        }
        let positives = Double(rows.filter(\.label).count)
        let negatives = Double(rows.count) - positives
        let weightPositive = self.parameters.balanceClasses && positives > 0 ? Double(rows.count) / (2 * positives) : 1
        let weightNegative = self.parameters.balanceClasses && negatives > 0 ? Double(rows.count) / (2 * negatives) : 1

        let count = self.vocabulary.count
        // Parameters: w[0..<count], v[count..<2count], then b, c.
        var theta = [Double](repeating: 0, count: 2 * count + 2)
        let baseRate = max(0.01, min(0.99, positives / max(1, Double(rows.count))))
        theta[2 * count] = log(baseRate / (1 - baseRate))
        theta[2 * count + 1] = min(-3, self.parameters.maxBlockBias)
        var adam = Adam(count: theta.count, rate: self.parameters.learningRate)
        let total = Double(rows.count)
        for _ in 0..<self.parameters.iterations {
            var gradient = [Double](repeating: 0, count: theta.count)
            for row in rows {
                let classWeight = row.label ? weightPositive : weightNegative
                let messageLogit = row.message.reduce(theta[2 * count]) { $0 + theta[$1] }
                let blockLogits = row.blocks.map { $0.reduce(theta[2 * count + 1]) { $0 + theta[count + $1] } }
                let logNot = ([messageLogit] + blockLogits).reduce(0.0) { $0 - ScoringModel.softplus($1) }
                // d loss / d s for each logit s: σ(s) when not marketing, -σ(s)·P0/(1-P0) when marketing.
                let factor = row.label ? -exp(logNot) / max(-expm1(logNot), 1e-12) : 1
                let messageGradient = classWeight * factor * Self.sigmoid(messageLogit) / total
                gradient[2 * count] += messageGradient
                for feature in row.message { gradient[feature] += messageGradient }
                for (block, logit) in zip(row.blocks, blockLogits) {
                    let blockGradient = classWeight * factor * Self.sigmoid(logit) / total
                    gradient[2 * count + 1] += blockGradient
                    for feature in block { gradient[count + feature] += blockGradient }
                }
            }
            for feature in 0..<(2 * count) { gradient[feature] += self.parameters.l2 * theta[feature] }
            adam.step(&theta, gradient)
            for feature in count..<(2 * count) where theta[feature] < 0 { theta[feature] = 0 }
            theta[2 * count + 1] = min(theta[2 * count + 1], self.parameters.maxBlockBias)
        }
        var manifest = manifest
        manifest.parameters = self.parameters
        manifest.examples = rows.count
        manifest.marketingExamples = Int(positives)
        return ScoringModel(
            manifest: manifest,
            bias: Self.rounded(theta[2 * count]),
            blockBias: Self.rounded(theta[2 * count + 1]),
            weights: Dictionary(self.vocabulary.enumerated().map { ($1, Self.rounded(theta[$0])) }) { first, _ in first
            },
            blockWeights: Dictionary(
                self.vocabulary.enumerated().filter { self.promotes.contains($1) }.map {
                    ($1, Self.rounded(theta[count + $0]))
                }
            ) { first, _ in first }
        )
    }

    /// The model's probability of marketing for one example, as log-odds (what the classifier computes).
    public static func logit(_ model: ScoringModel, _ features: ModelFeatures) -> Double {
        let message = model.messageLogit(features.message, fallback: { _ in 0 })
        let blocks = features.blocks.map {
            model.blockLogit($0.filter { model.blockWeights[$0] != nil }, fallback: { _ in 0 })
        }
        return ScoringModel.combinedLogit(message: message, blocks: blocks)
    }

    private struct Row {
        var message: [Int]
        var blocks: [[Int]]
        var label: Bool
    }

    private struct Adam {
        var m: [Double]
        var v: [Double]
        var t = 0
        let rate: Double

        init(count: Int, rate: Double) {
            self.m = [Double](repeating: 0, count: count)
            self.v = [Double](repeating: 0, count: count)
            self.rate = rate
        }

        mutating func step(_ theta: inout [Double], _ gradient: [Double]) {
            self.t += 1
            let correction1 = 1 - pow(0.9, Double(self.t))
            let correction2 = 1 - pow(0.999, Double(self.t))
            for index in theta.indices {
                self.m[index] = 0.9 * self.m[index] + 0.1 * gradient[index]
                self.v[index] = 0.999 * self.v[index] + 0.001 * gradient[index] * gradient[index]
                theta[index] -=
                    self.rate * (self.m[index] / correction1) / ((self.v[index] / correction2).squareRoot() + 1e-8)
            }
        }
    }

    static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 10000).rounded() / 10000
    }
}
