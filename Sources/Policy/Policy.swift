import MarketingClassifier

/// The decision table: from what is known of a message to what happens to it.
///
/// Pure: no libmilter, no I/O. The milter session feeds it at end of message and applies the
/// ``Decision``; `optout-milter simulate` runs the same code on a file.
///
/// The table, for a message in scope:
/// - not marketing: delivered to everyone, header `not-marketing; score=…`; audited only when a
///   recipient is suppressed.
/// - marketing with no suppressed recipient: delivered, header names the rules, audited.
/// - marketing with a recipient whose lookup failed: the internal-error verdict (fail closed: a
///   failed lookup is never "not suppressed").
/// - marketing with suppressed recipients, the first that applies of: `uncertain` (the score is
///   within the band of the threshold), `mislabelled` (declared service), `all_suppressed` (every
///   recipient), `suppressed`. A `remove-recipient` that would remove every recipient becomes
///   `all_suppressed`'s action: a message left with no recipient would be lost.
/// - a scan that stopped at a limit, with a suppressed recipient and a not-marketing verdict: the
///   internal-error verdict (the unread part could have been the promotion).
/// Monitor mode keeps the header and the audit record of that action and changes nothing else.
public struct Policy: Sendable {
    public var settings: PolicySettings
    /// One-click unsubscribe links for delivered marketing; nil when `unsubscribe` is not configured.
    public var unsubscribe: UnsubscribeHeaders?

    public init(settings: PolicySettings = PolicySettings(), unsubscribe: UnsubscribeHeaders? = nil) {
        self.settings = settings
        self.unsubscribe = unsubscribe
    }

    /// At most this many rule ids go in the header (the audit record has them all).
    static let headerRuleLimit = 8

    public func decide(_ input: PolicyInput) -> Decision {
        let verdict = input.verdict
        let suppressed = input.recipients.filter(\.isSuppressed)
        let declaredService = self.settings.declared.declaresService(
            headerValue: input.declaredHeader,
            senders: [input.sender] + input.fromAddresses
        )
        let uncertain = abs(verdict.score - verdict.threshold) < self.settings.uncertainBand
        let mislabelled = verdict.isMarketing && declaredService && !suppressed.isEmpty

        if verdict.isMarketing, let failed = input.recipients.first(where: { $0.failure != nil }) {
            return self.internalError("lookup of recipient \(failed.recipient) failed: \(failed.failure ?? "")", input)
        }
        if !verdict.isMarketing, input.scanIncomplete, !suppressed.isEmpty {
            return self.internalError("the scan stopped at a limit and a recipient is suppressed", input)
        }

        var action: PolicyAction?
        if verdict.isMarketing, !suppressed.isEmpty {
            action = self.action(
                uncertain: uncertain,
                mislabelled: mislabelled,
                allSuppressed: suppressed.count == input.recipients.count
            )
        }
        let enforced = self.settings.mode == .enforce ? action : nil
        var outcomes = input.recipients.map { _ in Decision.Outcome.delivered }
        var edits: [Decision.Edit] = []
        var disposition = Decision.Disposition.accept
        switch enforced {
        case .removeRecipient:
            for (index, lookup) in input.recipients.enumerated() where lookup.isSuppressed {
                outcomes[index] = .removed
                edits.append(.deleteRecipient(lookup.recipient))
            }
        case .reject:
            outcomes = outcomes.map { _ in .rejected }
            disposition = self.rejectDisposition
        case .quarantine:
            outcomes = outcomes.map { _ in .held }
            edits.append(
                .quarantine(reason: Self.quarantineReason(mislabelled: mislabelled, suppressed: suppressed.count))
            )
        case .redirect(let address):
            outcomes = outcomes.map { _ in .redirected }
            edits += input.recipients.map { .deleteRecipient($0.recipient) }
            edits.append(.addRecipient(address))
        case .tag, nil:
            break
        }

        let header = self.headerValue(verdict, action: action, mislabelled: mislabelled)
        if case .accept = disposition {
            if let name = self.settings.headerName {
                edits.insert(.addHeader(name: name, value: header), at: 0)
            }
            if self.settings.declared.removeHeader {
                edits += Decision.Edit.deleteHeaders(
                    name: self.settings.declared.header,
                    count: input.declaredHeaderCount
                )
            }
        }
        var unsubscribe: UnsubscribeHeaders.Outcome?
        if let headers = self.unsubscribe, verdict.isMarketing, case .accept = disposition {
            let delivered = zip(input.recipients, outcomes).filter { $0.1 == .delivered }.map(\.0.recipient)
            let added = headers.edits(
                delivered: delivered,
                existing: (input.listUnsubscribeCount, input.listUnsubscribePostCount),
                time: input.time
            )
            edits += added.edits
            unsubscribe = added.outcome
        }
        var audit: AuditRecord?
        if verdict.isMarketing || !suppressed.isEmpty {
            audit = self.auditRecord(
                input,
                outcomes: outcomes,
                action: action,
                declaredService: declaredService,
                mislabelled: mislabelled,
                uncertain: uncertain
            )
            audit?.unsubscribe = unsubscribe?.label
        }
        return Decision(
            disposition: disposition,
            edits: edits,
            action: action,
            mislabelled: mislabelled,
            uncertain: uncertain,
            headerValue: header,
            audit: audit,
            unsubscribe: unsubscribe
        )
    }

    /// The first action of the table that applies to a marketing message with suppressed recipients.
    func action(uncertain: Bool, mislabelled: Bool, allSuppressed: Bool) -> PolicyAction {
        let actions = self.settings.actions
        var chosen: PolicyAction
        if uncertain {
            chosen = actions.uncertain
        } else if mislabelled {
            chosen = actions.mislabelled
        } else if allSuppressed {
            chosen = actions.allSuppressed
        } else {
            chosen = actions.suppressed
        }
        if chosen == .removeRecipient, allSuppressed {
            chosen = actions.allSuppressed == .removeRecipient ? .reject : actions.allSuppressed
        }
        return chosen
    }

    /// `550` with the configured text, whose first word is the enhanced status code when it
    /// looks like one (`5.7.1 Recipient has opted out…`).
    var rejectDisposition: Decision.Disposition {
        let text = self.settings.actions.rejectText
        let words = text.split(separator: " ", maxSplits: 1)
        if let first = words.first, first.hasPrefix("5."), first.split(separator: ".").count == 3 {
            return .reject(code: "550", extendedCode: String(first), text: words.count > 1 ? String(words[1]) : "")
        }
        return .reject(code: "550", extendedCode: nil, text: text)
    }

    static func quarantineReason(mislabelled: Bool, suppressed: Int) -> String {
        let who = suppressed == 1 ? "1 opted-out recipient" : "\(suppressed) opted-out recipients"
        if mislabelled {
            return "optout-milter: mislabelled: declared service but classified marketing, to \(who)"
        }
        return "optout-milter: marketing to \(who)"
    }

    /// `marketing; score=9.5; rules=A,B; action=remove-recipient` or `not-marketing; score=1.0`.
    /// Never a recipient: the header travels with the message to every recipient.
    func headerValue(_ verdict: Verdict, action: PolicyAction?, mislabelled: Bool) -> String {
        var value = "\(verdict.label); score=\(Self.format(verdict.score))"
        guard verdict.isMarketing else { return value }
        let rules = verdict.hits.filter { $0.score > 0 }.prefix(Self.headerRuleLimit).map(\.ruleID)
        if !rules.isEmpty {
            value += "; rules=\(rules.joined(separator: ","))"
        }
        value += "; action=\(action?.name ?? "none")"
        if mislabelled {
            value += "; mislabelled"
        }
        if self.settings.mode == .monitor {
            value += "; mode=monitor"
        }
        return value
    }

    private func internalError(_ why: String, _ input: PolicyInput) -> Decision {
        Decision(
            disposition: .internalError(why),
            edits: [],
            action: nil,
            mislabelled: false,
            uncertain: false,
            headerValue: "",
            audit: nil
        )
    }

    private func auditRecord(
        _ input: PolicyInput,
        outcomes: [Decision.Outcome],
        action: PolicyAction?,
        declaredService: Bool,
        mislabelled: Bool,
        uncertain: Bool
    ) -> AuditRecord {
        let verdict = input.verdict
        var redirectTo: String?
        if self.settings.mode == .enforce, case .redirect(let address) = action {
            redirectTo = address
        }
        return AuditRecord(
            time: AuditTime.format(input.time),
            queueID: input.queueID,
            messageID: input.messageID,
            sender: input.sender,
            recipients: zip(input.recipients, outcomes).map { lookup, outcome in
                AuditRecord.Recipient(
                    address: lookup.recipient.trimmingASCII(" <>"),
                    suppressed: lookup.isSuppressed,
                    outcome: outcome,
                    entry: lookup.entryID
                )
            },
            redirectTo: redirectTo,
            verdict: verdict.label,
            score: verdict.score,
            threshold: verdict.threshold,
            rules: verdict.hits.map(\.ruleID),
            declaredCategory: input.declaredHeader.map(DeclaredCategory.normalized),
            declaredService: declaredService,
            mislabelled: mislabelled,
            uncertain: uncertain,
            action: action?.name ?? "none",
            mode: self.settings.mode.rawValue,
            generation: input.generation
        )
    }

    /// A score as written in headers: at most two decimals, no float dust.
    static func format(_ score: Double) -> String {
        "\((score * 100).rounded() / 100)"
    }
}
