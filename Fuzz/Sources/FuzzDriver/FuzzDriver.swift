import CLibFuzzer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands the process to libFuzzer, which calls `testOneInput` with each input and parses the
/// usual libFuzzer flags from the command line.
///
/// SwiftPM gives every executable target a `main` of its own (renamed, then aliased at link time),
/// so the targets cannot rely on libFuzzer's `main` as `swiftc -sanitize=fuzzer` would; they call
/// libFuzzer's driver from theirs instead.
public func runLibFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}

/// The input as a buffer (libFuzzer passes a null pointer for the empty input).
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
}

/// Stops the run with `message` and the input, which libFuzzer then writes to the artifacts.
public func fuzzFailure(
    _ message: String,
    input: String,
    file: StaticString = #fileID,
    line: UInt = #line
) -> Never {
    var escaped = ""
    for scalar in input.unicodeScalars.prefix(2000) {
        escaped += scalar.escaped(asASCII: true)
    }
    fatalError("\(message)\n  input: \"\(escaped)\"", file: file, line: line)
}
