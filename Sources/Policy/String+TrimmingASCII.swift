extension String {
    /// The string without leading and trailing bytes from `characters` (ASCII only: angle
    /// brackets, spaces, tabs). Works on UTF-8 bytes, not Characters: it runs for every recipient
    /// of every message.
    public func trimmingASCII(_ characters: StaticString) -> String {
        let set = UnsafeBufferPointer(start: characters.utf8Start, count: characters.utf8CodeUnitCount)
        let bytes = self.utf8
        guard let first = bytes.firstIndex(where: { !set.contains($0) }),
            let last = bytes.lastIndex(where: { !set.contains($0) })
        else {
            return ""
        }
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) {
            return self
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
