import Testing

@testable import Milter

@Suite struct MilterMacrosTests {
    @Test func findsNamesWithOrWithoutBraces() {
        let macros = MilterMacros(["i": "Q1", "{auth_authen}": "alice"])
        #expect(macros["i"] == "Q1")
        #expect(macros["{i}"] == "Q1")
        #expect(macros["auth_authen"] == "alice")
        #expect(macros["{auth_authen}"] == "alice")
        #expect(macros["daemon_name"] == nil)
    }
}
