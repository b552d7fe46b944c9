import Testing

@testable import MarketingClassifier

/// PCRE2 JIT-compiles here, as on the machines the classifier's figures were measured on; where it
/// cannot (W^X policies), `Pattern.compilesToMachineCode` says so and the daemon warns at start.
@Suite struct PatternMachineCodeTests {
    @Test func pcre2CompilesToMachineCodeOnTheTestMachine() {
        #expect(Pattern.compilesToMachineCode)
    }
}
