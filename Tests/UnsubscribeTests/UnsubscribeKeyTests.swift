import Foundation
import Testing
import Unsubscribe

@Suite struct UnsubscribeKeyTests {
    let directory: URL

    init() throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "optout-key-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { self.directory.appendingPathComponent(name).path }

    @Test func keygenWritesAPrivateFileThatLoadsToTheSameKey() throws {
        defer { try? FileManager.default.removeItem(at: self.directory) }
        let key = UnsubscribeKey.generate()
        try key.write(path: self.path("k"))
        let mode = try FileManager.default.attributesOfItem(atPath: self.path("k"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let loaded = try UnsubscribeKey.load(path: self.path("k"))
        let token = UnsubscribeToken(address: "a@b.example", scope: "*", issuedAt: Date()).sealed(with: key)
        #expect(try UnsubscribeToken.open(token, keys: [loaded], lifetime: .seconds(60)).address == "a@b.example")
        // Never replaces a key: that would break every link already sent.
        #expect(throws: UnsubscribeKeyError.self) { try UnsubscribeKey.generate().write(path: self.path("k")) }
        #expect(try UnsubscribeKey.load(path: self.path("k")).fileText == key.fileText)
    }

    @Test func refusesWorldReadableShortOrMissingKeys() throws {
        defer { try? FileManager.default.removeItem(at: self.directory) }
        try UnsubscribeKey.generate().write(path: self.path("open"))
        chmod(self.path("open"), 0o644)
        let open = #expect(throws: UnsubscribeKeyError.self) { try UnsubscribeKey.load(path: self.path("open")) }
        #expect(open?.description.contains("readable by every user") == true)

        _ = FileManager.default.createFile(
            atPath: self.path("short"),
            contents: Data(Data(repeating: 7, count: 16).base64EncodedString().utf8),
            attributes: [.posixPermissions: 0o600]
        )
        let short = #expect(throws: UnsubscribeKeyError.self) { try UnsubscribeKey.load(path: self.path("short")) }
        #expect(short?.description.hasPrefix(self.path("short") + ": not a key") == true)

        let missing = #expect(throws: UnsubscribeKeyError.self) { try UnsubscribeKey.load(path: self.path("none")) }
        #expect(missing?.description.contains("No such file") == true)
    }
}
