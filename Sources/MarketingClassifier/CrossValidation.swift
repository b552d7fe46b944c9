/// Grouped k-fold cross-validation: every example is scored by a model that never saw its group.
///
/// Groups are sender domains, so a sender's templates never sit on both sides of a fold: a figure
/// measured this way says how the model does on senders it has not met, which is what it will face.
public enum CrossValidation {
    /// A fold number per example: groups, largest first, each go to the fold with the fewest examples
    /// so far (deterministic; ties go to the lowest fold).
    public static func folds(groups: [String], count: Int) -> [Int] {
        var sizes: [String: Int] = [:]
        for group in groups { sizes[group, default: 0] += 1 }
        let order = sizes.keys.sorted { (sizes[$0] ?? 0, $1) > (sizes[$1] ?? 0, $0) }
        var load = [Int](repeating: 0, count: max(1, count))
        var assignment: [String: Int] = [:]
        for group in order {
            let fold = load.indices.min { (load[$0], $0) < (load[$1], $1) } ?? 0
            assignment[group] = fold
            load[fold] += sizes[group] ?? 0
        }
        return groups.map { assignment[$0] ?? 0 }
    }

    /// The log-odds each example gets from a model trained on the other folds.
    public static func heldOutLogits(
        _ examples: [TrainingExample],
        folds: [Int],
        trainer: ModelTrainer,
        manifest: ModelManifest
    ) -> [Double] {
        var logits = [Double](repeating: 0, count: examples.count)
        for fold in Set(folds).sorted() {
            let training = examples.indices.filter { folds[$0] != fold }.map { examples[$0] }
            let model = trainer.train(training, manifest: manifest)
            for index in examples.indices where folds[index] == fold {
                logits[index] = ModelTrainer.logit(model, examples[index].features)
            }
        }
        return logits
    }
}

/// One scored message with what its label says, for the figures.
public struct LabelledPrediction: Sendable, Hashable {
    public var isMarketing: Bool
    /// Labelled marketing because of a promotion inside otherwise non-promotional mail.
    public var isMixed: Bool
    /// Labelled service (transactional) mail.
    public var isService: Bool
    public var predictedMarketing: Bool

    public init(isMarketing: Bool, isMixed: Bool, isService: Bool, predictedMarketing: Bool) {
        self.isMarketing = isMarketing
        self.isMixed = isMixed
        self.isService = isService
        self.predictedMarketing = predictedMarketing
    }
}

/// Confusion matrix and the figures the project reports: precision, recall, mixed recall, service flagged.
public struct CrossValidationFigures: Sendable, Hashable, Codable {
    public var folds: Int
    public var truePositives = 0
    public var falsePositives = 0
    public var trueNegatives = 0
    public var falseNegatives = 0
    public var mixedCaught = 0
    public var mixed = 0
    public var serviceFlagged = 0
    public var service = 0

    public init(folds: Int, _ predictions: [LabelledPrediction]) {
        self.folds = folds
        for prediction in predictions {
            switch (prediction.isMarketing, prediction.predictedMarketing) {
            case (true, true): self.truePositives += 1
            case (false, true): self.falsePositives += 1
            case (false, false): self.trueNegatives += 1
            case (true, false): self.falseNegatives += 1
            }
            if prediction.isMixed {
                self.mixed += 1
                if prediction.predictedMarketing { self.mixedCaught += 1 }
            }
            if prediction.isService {
                self.service += 1
                if prediction.predictedMarketing { self.serviceFlagged += 1 }
            }
        }
    }

    public var precision: Double {
        let flagged = self.truePositives + self.falsePositives
        return flagged == 0 ? 1 : Double(self.truePositives) / Double(flagged)
    }

    public var recall: Double {
        let marketing = self.truePositives + self.falseNegatives
        return marketing == 0 ? 1 : Double(self.truePositives) / Double(marketing)
    }

    public var mixedRecall: Double {
        self.mixed == 0 ? 1 : Double(self.mixedCaught) / Double(self.mixed)
    }
}
