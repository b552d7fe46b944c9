import Testing

@testable import Suppression

@Suite struct ASCIISetTests {
    @Test func literalMasksMatchTheirCharacterLists() {
        let atext = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~"
        #expect(ASCIISet.atext == ASCIISet(atext))
        #expect(ASCIISet.ldh == ASCIISet("abcdefghijklmnopqrstuvwxyz0123456789-"))
        for byte in UInt8(0)...UInt8(255) {
            #expect(ASCIISet.atext.contains(byte) == atext.utf8.contains(byte))
        }
    }
}
