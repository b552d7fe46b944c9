import Foundation

/// The fixtures written for these tests (Tests/MailScannerTests/Fixtures).
enum FixtureLoader {
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func bytes(_ name: String) -> [UInt8] {
        let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) ?? Data()
        return [UInt8](data)
    }
}
