import MailScanner
import MarketingClassifier
import Policy
import Suppression

extension PolicySnapshot {
    /// The category a recipient is looked up under: the one a marketing verdict gets, so that an
    /// entry scoped to all marketing (`*`) or to `marketing` applies.
    static let lookupCategory = "marketing"

    /// Looks one recipient up. A recipient the normaliser cannot parse is a failed lookup, never
    /// "not suppressed".
    func lookup(_ recipient: String) -> RecipientLookup {
        do {
            if let match = try self.suppression.lookup(recipient: recipient, category: Self.lookupCategory) {
                return RecipientLookup(recipient: recipient, result: .suppressed(match))
            }
            return RecipientLookup(recipient: recipient, result: .notSuppressed)
        } catch {
            return RecipientLookup(recipient: recipient, result: .failed("\(error)"))
        }
    }

    /// What the milter knows at end of message, judged: the classifier's verdict and the policy's
    /// decision. The milter session and `simulate` both call this.
    func judge(
        _ scanned: ScannedMessage,
        sender: String,
        authenticatedUser: String?,
        recipients: [RecipientLookup],
        declaredHeader: String?,
        declaredHeaderCount: Int,
        queueID: String?
    ) -> (verdict: Verdict, decision: Decision) {
        let verdict = self.classifier.classify(
            scanned,
            envelope: Envelope(mailFrom: sender, authenticatedUser: authenticatedUser)
        )
        let decision = self.policy.decide(
            PolicyInput(
                sender: sender,
                recipients: recipients,
                verdict: verdict,
                declaredHeader: declaredHeader,
                fromAddresses: scanned.from.map(\.address),
                declaredHeaderCount: declaredHeaderCount,
                listUnsubscribeCount: self.policy.unsubscribe == nil
                    ? 0 : scanned.headers(named: UnsubscribeHeaders.listUnsubscribe).count,
                listUnsubscribePostCount: self.policy.unsubscribe == nil
                    ? 0 : scanned.headers(named: UnsubscribeHeaders.listUnsubscribePost).count,
                scanIncomplete: scanned.flags.truncated || scanned.flags.limitsReached,
                queueID: queueID,
                messageID: scanned.header("Message-ID")?.value,
                generation: self.generation
            )
        )
        return (verdict, decision)
    }
}
