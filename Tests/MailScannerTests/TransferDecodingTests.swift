import Testing

@testable import MailScanner

@Suite struct TransferDecodingTests {
    static func base64(_ input: String) -> String {
        var decoder = Base64Decoder()
        var output: [UInt8] = []
        Array(input.utf8).withUnsafeBufferPointer { decoder.decode($0, into: &output) }
        decoder.finish(into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func quotedPrintable(_ input: String) -> String {
        var decoder = QuotedPrintableDecoder()
        var output: [UInt8] = []
        Array(input.utf8).withUnsafeBufferPointer { decoder.decode($0, into: &output) }
        decoder.finish(into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: [
        ("SGVsbG8=", "Hello"),
        ("SGVs\r\nbG8=", "Hello"),  // line breaks
        ("SGVsbG8", "Hello"),  // missing padding
        ("S G V s b G 8 =", "Hello"),  // spaces
        ("SGV*sb!G8=", "Hello"),  // stray characters
        ("SGk=SGk=", "HiHi"),  // concatenated blocks
        ("SGVsbG8gd29ybGQ", "Hello world"),  // bad line length
        ("", ""),
        ("=", ""),
        ("S", ""),  // a dangling sextet carries no byte
    ])
    func base64Rules(input: String, expected: String) {
        #expect(Self.base64(input) == expected)
    }

    @Test(arguments: [
        ("caf=C3=A9", "caf\u{E9}"),
        ("caf=c3=a9", "caf\u{E9}"),  // lowercase hex
        ("soft=\r\nbreak", "softbreak"),
        ("soft=\nbreak", "softbreak"),
        ("soft=  \r\nbreak", "softbreak"),  // transport padding after `=`
        ("bad =ZZ escape", "bad =ZZ escape"),
        ("bad =4 escape", "bad =4 escape"),
        ("=4", "=4"),
        ("a==3D", "a=3D"),  // `==` as Python's binascii reads it
        ("trailing=", "trailing"),
        ("line\r\nnext", "line\r\nnext"),
        ("tab\there", "tab\there"),
    ])
    func quotedPrintableRules(input: String, expected: String) {
        #expect(Self.quotedPrintable(input) == expected)
    }

    /// Decoders carry state across chunk edges: every split gives the same bytes.
    @Test(arguments: ["SGVs bG8g\r\nd29y bGQ=", "a=C3=A9=\r\nb=3D=ZZ=  \r\nc=4x="])
    func decodersAreChunkInvariant(input: String) {
        let bytes = Array(input.utf8)
        for cut in 0...bytes.count {
            var b64 = Base64Decoder()
            var qp = QuotedPrintableDecoder()
            var b64Out: [UInt8] = []
            var qpOut: [UInt8] = []
            bytes.withUnsafeBufferPointer { buffer in
                for range in [0..<cut, cut..<bytes.count] {
                    b64.decode(UnsafeBufferPointer(rebasing: buffer[range]), into: &b64Out)
                    qp.decode(UnsafeBufferPointer(rebasing: buffer[range]), into: &qpOut)
                }
            }
            b64.finish(into: &b64Out)
            qp.finish(into: &qpOut)
            #expect(String(decoding: b64Out, as: UTF8.self) == Self.base64(input))
            #expect(String(decoding: qpOut, as: UTF8.self) == Self.quotedPrintable(input))
        }
    }
}
