import Foundation

/// A fresh directory under the system temporary directory, removed when the value goes away:
/// each test writes the few message files it reads, so no fixture is shared or copied in.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        self.url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailcorpus-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.url)
    }

    var path: String { self.url.path }

    /// Writes `text` at `relative` (creating directories on the way) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let file = self.url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: file)
        return file.path
    }
}
