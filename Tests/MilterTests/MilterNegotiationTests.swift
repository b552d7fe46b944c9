import Testing

@testable import Milter

@Suite struct MilterNegotiationTests {
    /// Everything a current Postfix/Sendmail offers.
    static let everyOption = MilterProtocolOptions(rawValue: 0x001F_FFFF)
    static let productionNeeds = MilterRequirements(actions: [.addHeaders])

    @Test func aSessionThatOnlyStampsSkipsEveryStageButMail() {
        let plan = MilterNegotiation(
            offeredActions: .all,
            offeredOptions: Self.everyOption,
            requirements: Self.productionNeeds
        )
        #expect(plan.actions == [.addHeaders])
        #expect(plan.missingActions.isEmpty)
        let skipped: MilterProtocolOptions = [
            .noConnect, .noHelo, .noRecipient, .noData, .noUnknown, .noHeaders, .noEndOfHeaders, .noBody,
        ]
        #expect(plan.options.isSuperset(of: skipped))
        #expect(!plan.options.contains(.noMail), "MAIL marks a message in progress for the graceful stop")
        #expect(plan.options.contains(.noReplyMail))
        #expect(plan.isNoReply(.mailFrom))
    }

    @Test func stagesThatMayRejectKeepTheirReply() {
        let needs = MilterRequirements(
            actions: [.deleteRecipients],
            stages: [.recipient, .header, .body],
            replyingStages: [.recipient]
        )
        let plan = MilterNegotiation(offeredActions: .all, offeredOptions: Self.everyOption, requirements: needs)
        #expect(!plan.options.contains(.noRecipient))
        #expect(!plan.options.contains(.noReplyRecipient))
        #expect(!plan.isNoReply(.recipient))
        #expect(plan.options.contains(.noReplyHeader))
        #expect(plan.options.contains(.noReplyBody))
        #expect(!plan.options.contains(.noBody))
    }

    @Test(arguments: [
        MilterProtocolOptions(), [.noBody, .noHeaders], [.noReplyMail, .noConnect], everyOption,
    ])
    func requestsOnlyWhatWasOffered(offered: MilterProtocolOptions) {
        let needs = MilterRequirements(actions: .all, stages: [.header], replyingStages: [.header])
        let plan = MilterNegotiation(offeredActions: [.addHeaders], offeredOptions: offered, requirements: needs)
        #expect(plan.options.isSubset(of: offered))
        #expect(plan.actions == [.addHeaders])
        #expect(plan.missingActions == [.changeHeaders, .addRecipients, .deleteRecipients, .quarantine])
    }

    @Test func withoutNegotiationEveryStageReplies() {
        let plan = MilterNegotiation.unnegotiated(requirements: Self.productionNeeds)
        #expect(plan.options.isEmpty)
        #expect(!plan.isNoReply(.mailFrom))
    }
}
