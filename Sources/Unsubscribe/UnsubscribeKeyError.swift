/// A key file that cannot be read, written or understood.
public struct UnsubscribeKeyError: Error, CustomStringConvertible, Sendable {
    public var file: String?
    public var message: String

    init(file: String?, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { self.file.map { "\($0): \(self.message)" } ?? self.message }
}
