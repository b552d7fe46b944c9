import Foundation
import MarketingClassifier
import Policy
import Suppression

/// Small builders for decision-table rows.
enum Row {
    static func verdict(_ score: Double, threshold: Double = 5.0) -> Verdict {
        Verdict(
            score: score,
            threshold: threshold,
            hits: score > 0
                ? [
                    Verdict.Hit(
                        ruleID: "LIST_UNSUBSCRIBE",
                        description: "",
                        score: 3,
                        count: 1,
                        group: nil,
                        evidence: ""
                    ),
                    Verdict.Hit(
                        ruleID: "UTM_LINKS",
                        description: "",
                        score: score - 3,
                        count: 1,
                        group: nil,
                        evidence: ""
                    ),
                ] : []
        )
    }

    static func suppressed(_ address: String, entry: Int64 = 7) -> RecipientLookup {
        let match = SuppressionMatch(
            entryID: entry,
            kind: .exact,
            matchedForm: address,
            scope: .allMarketing,
            effectiveAt: Date(timeIntervalSince1970: 0)
        )
        return RecipientLookup(recipient: "<\(address)>", result: .suppressed(match))
    }

    static func clean(_ address: String) -> RecipientLookup {
        RecipientLookup(recipient: "<\(address)>", result: .notSuppressed)
    }

    static func failed(_ address: String) -> RecipientLookup {
        RecipientLookup(recipient: address, result: .failed("not an address"))
    }

    static func input(
        _ score: Double,
        _ recipients: [RecipientLookup],
        declared: String? = nil,
        sender: String = "news@shop.example",
        from: [String] = [],
        scanIncomplete: Bool = false
    ) -> PolicyInput {
        PolicyInput(
            sender: sender,
            recipients: recipients,
            verdict: verdict(score),
            declaredHeader: declared,
            fromAddresses: from,
            scanIncomplete: scanIncomplete,
            queueID: "4AbC",
            messageID: "<m1@shop.example>",
            time: Date(timeIntervalSince1970: 1_764_633_600.25),
            generation: 3
        )
    }
}

extension Decision {
    var recipientOutcomes: [Decision.Outcome] { self.audit?.recipients.map(\.outcome) ?? [] }
    var isAccept: Bool {
        if case .accept = self.disposition { return true }
        return false
    }
}
