import CMilter
import Testing

@testable import Milter

@Suite struct MilterVerdictTests {
    static let reject550 = MilterReply(code: "550", extendedCode: "5.7.1", text: "no")
    static let tempfail451 = MilterReply(code: "451", extendedCode: "4.7.1", text: "later")

    @Test func eachVerdictMapsToItsStatus() {
        #expect(MilterVerdict.continue.status(noReply: false).status == SMFIS_CONTINUE)
        #expect(MilterVerdict.continue.status(noReply: true).status == SMFIS_NOREPLY)
        #expect(MilterVerdict.accept.status(noReply: false).status == SMFIS_ACCEPT)
        #expect(MilterVerdict.reject.status(noReply: false).status == SMFIS_REJECT)
        #expect(MilterVerdict.tempfail.status(noReply: false).status == SMFIS_TEMPFAIL)
        #expect(MilterVerdict.discard.status(noReply: false).status == SMFIS_DISCARD)
    }

    @Test func aReplyGoesWithAVerdictOfItsClass() {
        #expect(MilterVerdict.reject(Self.reject550).status(noReply: false).reply == Self.reject550)
        #expect(MilterVerdict.tempfail(Self.tempfail451).status(noReply: false).reply == Self.tempfail451)
    }

    @Test func aReplyOfTheWrongClassIsDroppedAndTheVerdictKept() {
        let (status, reply) = MilterVerdict.reject(Self.tempfail451).status(noReply: false)
        #expect(status == SMFIS_REJECT)
        #expect(reply == nil)
        #expect(MilterVerdict.tempfail(Self.reject550).status(noReply: false).reply == nil)
    }

    @Test func onlyContinueIsNotFinal() {
        #expect(!MilterVerdict.continue.isFinal)
        for verdict in [MilterVerdict.accept, .reject, .tempfail, .discard] {
            #expect(verdict.isFinal)
        }
    }
}
