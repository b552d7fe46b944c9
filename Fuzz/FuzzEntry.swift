// libFuzzer entry point for the MailScanner, compiled together with Sources/MailScanner by Fuzz/run.sh.
// Each input is scanned whole, in chunks whose size comes from the first byte, and through the milter
// path; a crash, a hang, a leak, or two results that differ are all failures.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessageScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Small limits so the caps are exercised too.
    let limits = ScanLimits(
        maxScannedBytes: 48 * 1024,
        maxParts: 40,
        maxDepth: 6,
        maxHeaders: 60,
        maxHeaderBytes: 2048,
        maxTextPartBytes: 16 * 1024,
        maxLinks: 100
    )
    let whole = MessageScanner.scan(bytes, limits: limits)
    // 1-17 byte chunks for small inputs; proportionally larger for big ones so a run stays fast.
    let chunkSize = (Int(bytes.first ?? 1) % 17 + 1) * max(1, bytes.count / 2048)
    var chunked = MessageScanner(limits: limits)
    var start = 0
    while start < bytes.count {
        chunked.consumeRaw(bytes[start..<min(bytes.count, start + chunkSize)])
        start += chunkSize
    }
    let split = chunked.finish()
    if split != whole {
        fatalError("chunking changed the result (chunk size \(chunkSize))")
    }
    // The milter path: a few headers, then the input as a body.
    var milter = MessageScanner(limits: limits)
    milter.header(name: "Content-Type", value: "multipart/mixed; boundary=\"b\"")
    milter.header(name: "Subject", value: String(decoding: bytes.prefix(80), as: UTF8.self))
    milter.endOfHeaders()
    milter.body(bytes)
    _ = milter.finish()
    return 0
}
