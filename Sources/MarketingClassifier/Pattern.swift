import CPCRE2

/// A regular expression compiled once by PCRE2 (JIT when the platform allows it) and shared read-only.
///
/// PCRE2 was chosen over Swift `Regex` and Foundation's `NSRegularExpression` by the
/// `ClassifierBenchmarks` comparison (see docs/RULES.md): it is the engine Postfix and most mail
/// filters use, and with JIT it is one to two orders of magnitude faster on message text.
///
/// A compiled PCRE2 pattern is immutable after `pcre2_jit_compile` and may be matched from many
/// threads at once; what may not be shared is the match data, so every match takes a
/// ``MatchScratch`` that belongs to one classification (one thread) at a time.
public struct Pattern: Sendable, CustomStringConvertible {
    /// The pattern as written in the rule file.
    public let source: String
    private let compiled: CompiledCode
    /// The pattern uses `^`, `$`, `\A`, `\z`, `\G` or a look-behind: it reads where its subject starts
    /// or ends, so it must not be run over several subjects joined together.
    let readsContext: Bool
    /// The same pattern compiled with `PCRE2_ANCHORED`, for matching only at given offsets
    /// (JIT supports anchoring at compile time, not at match time).
    private let anchored: CompiledCode

    /// Why a pattern did not compile: PCRE2's message and the offset in the pattern.
    public struct CompileError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "\(self.message) at offset \(self.offset)" }
    }

    /// Compiles `source`; matching is case-insensitive unless `caseSensitive` is set.
    public init(_ source: String, caseSensitive: Bool = false) throws(CompileError) {
        var options = UInt32(PCRE2_UTF)
        if !caseSensitive {
            options |= UInt32(PCRE2_CASELESS)
        }
        self.source = source
        self.readsContext =
            source.contains("^") || source.contains("$") || source.contains("(?<")
            || ["\\A", "\\z", "\\Z", "\\G"].contains { source.contains($0) }
        self.compiled = try Self.compile(source, options: options)
        self.anchored = try Self.compile(source, options: options | UInt32(PCRE2_ANCHORED))
    }

    private static func compile(_ source: String, options: UInt32) throws(CompileError) -> CompiledCode {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let code =
            source.utf8.withContiguousStorageIfAvailable { buffer in
                pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
            }
            ?? Array(source.utf8).withUnsafeBufferPointer { buffer in
                pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
            }
        guard let code else {
            var message = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &message, message.count)
            let text = String(decoding: message.prefix(max(0, Int(length))), as: UTF8.self)
            throw CompileError(message: text, offset: errorOffset)
        }
        // JIT failure (an unsupported platform, a W^X policy) is not an error: the interpreter gives
        // the same results, more slowly (see `compilesToMachineCode`).
        let jit = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
        return CompiledCode(code, isMachineCode: jit)
    }

    public var description: String { self.source }

    /// Whether PCRE2 can compile patterns to machine code in this process. It cannot where writable
    /// memory may not become executable (systemd's `MemoryDenyWriteExecute`, SELinux `deny_execmem`,
    /// `PR_SET_MDWE`); matching then runs on PCRE2's interpreter with the same results, several
    /// times slower, which the daemon reports at start.
    public static let compilesToMachineCode: Bool =
        (try? Self.compile("\\bprobe\\b", options: UInt32(PCRE2_UTF)))?.isMachineCode ?? false

    /// The UTF-8 byte range of the first match in `text` at or after `start`, if any.
    public func firstMatch(in text: String, from start: Int = 0, scratch: MatchScratch) -> Range<Int>? {
        var text = text
        return text.withUTF8 { buffer in
            self.firstMatch(in: buffer, from: start, scratch: scratch)
        }
    }

    /// The UTF-8 byte range of the first match in `buffer` (valid UTF-8) at or after `start`.
    public func firstMatch(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, scratch: MatchScratch) -> Range<Int>?
    {
        self.match(self.compiled, in: buffer, from: start, scratch: scratch)
    }

    /// The UTF-8 byte range of a match starting exactly at `offset` in `buffer`, if any.
    /// Look-behind (`\b`) still sees the bytes before `offset`.
    public func match(in buffer: UnsafeBufferPointer<UInt8>, at offset: Int, scratch: MatchScratch) -> Range<Int>? {
        self.match(self.anchored, in: buffer, from: offset, scratch: scratch)
    }

    private func match(
        _ compiled: CompiledCode,
        in buffer: UnsafeBufferPointer<UInt8>,
        from start: Int,
        scratch: MatchScratch
    ) -> Range<Int>? {
        guard start <= buffer.count, let base = buffer.baseAddress ?? scratch.emptyBase else { return nil }
        let rc = pcre2_match_8(
            compiled.code,
            base,
            buffer.count,
            start,
            UInt32(PCRE2_NO_UTF_CHECK),
            scratch.matchData,
            nil
        )
        // 0 means "matched, ovector too small for the groups": the overall match is still set.
        guard rc >= 0 else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        let lower = ovector[0]
        let upper = ovector[1]
        return lower..<max(lower, upper)
    }

    /// True when the pattern matches anywhere in `text`.
    public func matches(_ text: String, scratch: MatchScratch) -> Bool {
        self.firstMatch(in: text, scratch: scratch) != nil
    }
}

/// Owns a `pcre2_code`; immutable after init, so sharing it across threads is safe (PCRE2 documents
/// compiled patterns, including JIT code, as read-only during matching).
private final class CompiledCode: @unchecked Sendable {
    let code: OpaquePointer
    /// PCRE2 JIT-compiled it; otherwise its interpreter runs it.
    let isMachineCode: Bool

    init(_ code: OpaquePointer, isMachineCode: Bool) {
        self.code = code
        self.isMachineCode = isMachineCode
    }

    deinit {
        pcre2_code_free_8(self.code)
    }
}

/// Per-thread match state for ``Pattern``: one per classification, never shared between threads.
public final class MatchScratch {
    let matchData: OpaquePointer
    /// PCRE2 wants a non-null subject pointer even for an empty subject.
    let emptyBase: UnsafePointer<UInt8>?
    private let emptyStorage: UnsafeMutablePointer<UInt8>

    public init() {
        // One pair is enough: rules only need the overall match range.
        self.matchData = pcre2_match_data_create_8(1, nil)!
        self.emptyStorage = .allocate(capacity: 1)
        self.emptyStorage.initialize(to: 0)
        self.emptyBase = UnsafePointer(self.emptyStorage)
    }

    deinit {
        pcre2_match_data_free_8(self.matchData)
        self.emptyStorage.deallocate()
    }
}
