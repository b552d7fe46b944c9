import Foundation

extension ScoringModel {
    /// The model shipped in the binary (``DefaultModel``), decoded once on first use.
    public static let shipped: ScoringModel = {
        do {
            return try ScoringModel.decode(Data(DefaultModel.json.utf8), name: DefaultModel.name)
        } catch {
            // The model is a generated constant covered by tests; failing here is a build defect.
            fatalError("the shipped model does not decode: \(error)")
        }
    }()
}
