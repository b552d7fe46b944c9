import Foundation
import MailScanner
import Testing

@testable import MarketingClassifier

/// The trainer, the cross-validation folds, the model file and the loader.
@Suite struct ModelTrainingTests {
    static let rules = CompiledRuleSet.builtin()

    static func manifest() -> ModelManifest {
        ModelManifest(
            name: "test",
            created: "2026-01-01",
            rules: "built-in",
            data: "synthetic",
            examples: 0,
            marketingExamples: 0,
            parameters: TrainingParameters()
        )
    }

    /// Synthetic feature sets: marketing rows carry a promoting rule in a block, service rows carry
    /// service rules and channel rules (the ESP), so the channel must not learn to mean marketing.
    static func examples() -> [TrainingExample] {
        var examples: [TrainingExample] = []
        for index in 0..<40 {
            examples.append(
                TrainingExample(
                    features: ModelFeatures(message: ["percent-off", "tracking-pixel"], blocks: [["percent-off"]]),
                    isMarketing: true,
                    group: "shop\(index % 7).example"
                )
            )
            examples.append(
                TrainingExample(
                    features: ModelFeatures(message: ["password-or-code", "tracking-pixel"], blocks: []),
                    isMarketing: false,
                    group: "bank\(index % 5).example"
                )
            )
        }
        return examples
    }

    @Test func learnsTheSignOfEachKindOfEvidence() {
        let model = ModelTrainer(rules: Self.rules, parameters: TrainingParameters(iterations: 400))
            .train(Self.examples(), manifest: Self.manifest())
        #expect((model.weights["password-or-code"] ?? 0) < 0)
        #expect((model.blockWeights["percent-off"] ?? 0) > 0)
        #expect(model.blockWeights["password-or-code"] == nil)
        #expect(model.blockWeights.values.allSatisfy { $0 >= 0 })
        // The channel is on both sides: it must not decide.
        #expect(abs(model.weights["tracking-pixel"] ?? 0) < abs(model.weights["password-or-code"] ?? 0))
        let marketing = ModelTrainer.logit(model, Self.examples()[0].features)
        let service = ModelTrainer.logit(model, Self.examples()[1].features)
        #expect(marketing > 0)
        #expect(service < 0)
    }

    @Test func trainingIsDeterministic() {
        let trainer = ModelTrainer(rules: Self.rules, parameters: TrainingParameters(iterations: 50))
        #expect(
            trainer.train(Self.examples(), manifest: Self.manifest())
                == trainer.train(Self.examples(), manifest: Self.manifest())
        )
    }

    @Test func foldsNeverSplitAGroupAndAreBalanced() {
        let groups = (0..<100).map { "d\($0 % 23).example" }
        let folds = CrossValidation.folds(groups: groups, count: 10)
        var foldOfGroup: [String: Int] = [:]
        for (group, fold) in zip(groups, folds) {
            #expect(foldOfGroup[group, default: fold] == fold)
            foldOfGroup[group] = fold
        }
        let sizes = Dictionary(grouping: folds, by: { $0 }).mapValues(\.count)
        #expect(sizes.count == 10)
        #expect((sizes.values.max() ?? 0) - (sizes.values.min() ?? 0) <= 5)
    }

    @Test func figuresCountTheConfusionMatrix() {
        let predictions = [
            LabelledPrediction(isMarketing: true, isMixed: true, isService: false, predictedMarketing: true),
            LabelledPrediction(isMarketing: true, isMixed: false, isService: false, predictedMarketing: false),
            LabelledPrediction(isMarketing: false, isMixed: false, isService: true, predictedMarketing: true),
            LabelledPrediction(isMarketing: false, isMixed: false, isService: false, predictedMarketing: false),
        ]
        let figures = CrossValidationFigures(folds: 10, predictions)
        #expect(figures.truePositives == 1 && figures.falseNegatives == 1)
        #expect(figures.falsePositives == 1 && figures.trueNegatives == 1)
        #expect(figures.precision == 0.5 && figures.recall == 0.5)
        #expect(figures.mixedCaught == 1 && figures.mixed == 1)
        #expect(figures.serviceFlagged == 1 && figures.service == 1)
    }

    @Test func aModelFileRoundTripsAndLoads() throws {
        let model = ModelTrainer(rules: Self.rules, parameters: TrainingParameters(iterations: 20))
            .train(Self.examples(), manifest: Self.manifest())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(getpid()).json").path
        try model.encoded().write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let classifier = try MarketingClassifier.load(rulesPath: nil, modelPath: path, threshold: 6)
        #expect(classifier.model == model)
        #expect(classifier.threshold == 6)
        #expect(classifier.classify(MailBuilder.plain(subject: "x", from: "a@b.example", "hello")).model == "test")
    }

    @Test func loadErrorsNameTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid()).json").path
        try Data("{\"bias\": 1}".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try MarketingClassifier.load(rulesPath: nil, modelPath: path, threshold: nil)
        } throws: { error in
            guard case .invalidModel(let file, _) = error as? ClassifierLoadError else { return false }
            return file == path
        }
        #expect {
            try MarketingClassifier.load(rulesPath: "/nonexistent/rules.yaml", modelPath: nil, threshold: nil)
        } throws: { error in
            guard case .unreadable(let file, _) = error as? ClassifierLoadError else { return false }
            return file == "/nonexistent/rules.yaml"
        }
        #expect(throws: ClassifierLoadError.self) {
            try MarketingClassifier.load(rulesPath: nil, modelPath: nil, threshold: .nan)
        }
    }
}
