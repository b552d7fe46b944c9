import Foundation
import MarketingClassifier
import Policy
import Suppression
import Testing

@testable import OptOutMilter

@Suite struct SnapshotHolderTests {
    @Test func reloadRereadsTheConfiguration() throws {
        let fixture = try PolicyFixture()
        let holder = try fixture.holder()
        #expect(holder.current.generation == 1)
        #expect(holder.current.configuration.policy.mode == .enforce)
        try fixture.writeConfiguration("mode: monitor")
        #expect(holder.reload())
        #expect(holder.current.generation == 2)
        #expect(holder.current.configuration.policy.mode == .monitor)
    }

    @Test func aBadFileKeepsTheCurrentSnapshot() throws {
        let fixture = try PolicyFixture()
        let holder = try fixture.holder()
        try fixture.writeConfiguration("mode: loud")
        #expect(!holder.reload())
        #expect(holder.current.generation == 1)
        #expect(holder.statistics.failed == 1)
        #expect(holder.statistics.lastError?.contains("mode: 'loud' is not one of") == true)
    }

    @Test func aBadRuleFileKeepsTheCurrentSnapshot() throws {
        let fixture = try PolicyFixture()
        let rules = fixture.directory.appendingPathComponent("rules.yaml").path
        try Data("rules: [".utf8).write(to: URL(fileURLWithPath: rules))
        let holder = try fixture.holder()
        try fixture.writeConfiguration("classifier:\n  rules: \(rules)")
        #expect(!holder.reload())
        #expect(holder.current.configuration.classifierRules == nil)
    }

    @Test func aStoreChangeIsPickedUpWithoutASignal() throws {
        let fixture = try PolicyFixture()
        let holder = try fixture.holder()
        #expect(holder.reloadIfChanged() == nil)
        let before = holder.current.suppression
        try fixture.suppress("jane@example.com")
        #expect(holder.reloadIfChanged() == true)
        #expect(holder.current.suppression !== before)
        #expect(try holder.current.suppression.lookup(recipient: "jane@example.com", category: "marketing") != nil)
        #expect(holder.reloadIfChanged() == nil)
    }

    @Test func aReloadWithoutAStoreChangeKeepsTheIndex() throws {
        let fixture = try PolicyFixture()
        let holder = try fixture.holder()
        let before = holder.current.suppression
        #expect(holder.reload())
        #expect(holder.current.suppression === before)
    }

    @Test func aRuleFileChangeIsPickedUp() throws {
        let fixture = try PolicyFixture()
        let rules = fixture.directory.appendingPathComponent("rules.yaml").path
        try Data("extends: builtin\nthreshold: 7\nrules: []\n".utf8).write(to: URL(fileURLWithPath: rules))
        try fixture.writeConfiguration("classifier:\n  rules: \(rules)")
        let holder = try fixture.holder()
        #expect(holder.current.classifier.rules.threshold == 7)
        try Data("extends: builtin\nthreshold: 8\nrules: []\n# a longer file\n".utf8).write(
            to: URL(fileURLWithPath: rules)
        )
        #expect(holder.reloadIfChanged() == true)
        #expect(holder.current.classifier.rules.threshold == 8)
    }

    @Test func restartOnlyKeysAreNamed() {
        var changed = OptOutMilterConfiguration()
        changed.socketMode = 0o600
        changed.policy.mode = .monitor
        #expect(changed.restartOnlyChanges(comparedTo: OptOutMilterConfiguration()) == ["socket_mode"])
    }
}

@Suite struct ClassifierModelConfigurationTests {
    @Test func theShippedModelLoadsAndAMissingModelFileKeepsTheCurrentSnapshot() throws {
        let fixture = try PolicyFixture(extraConfiguration: "classifier:\n  model: builtin")
        let holder = try fixture.holder()
        #expect(holder.current.configuration.classifierModel == "builtin")
        try fixture.writeConfiguration("classifier:\n  model: /nonexistent/model.json")
        #expect(!holder.reload())
        #expect(holder.statistics.lastError?.contains("/nonexistent/model.json") == true)
        #expect(holder.current.configuration.classifierModel == "builtin")
    }
}
