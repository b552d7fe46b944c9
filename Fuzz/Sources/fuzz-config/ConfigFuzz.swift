import FuzzDriver
import OptOutMilter

/// `OptOutMilterConfiguration.parse(yaml:file:)` on arbitrary text.
///
/// - Every input parses or throws a `ConfigurationError` (typed throws) that names the file first,
///   with a 1-based line when it has one, no further than the text's last line.
/// - What parses renders (`config check`'s output) to YAML that parses back to the same
///   configuration (bar `metrics.token`, which is never shown), and renders the same again.
enum ConfigFuzz {
    static let file = "fuzz.yaml"

    static func testOneInput(_ bytes: UnsafeBufferPointer<UInt8>) {
        let yaml = String(decoding: bytes, as: UTF8.self)
        let configuration: OptOutMilterConfiguration
        do {
            configuration = try OptOutMilterConfiguration.parse(yaml: yaml, file: Self.file)
        } catch {
            Self.checkError(error, yaml: yaml)
            return
        }
        let rendered = configuration.renderedYAML
        let reparsed: OptOutMilterConfiguration
        do {
            reparsed = try OptOutMilterConfiguration.parse(yaml: rendered, file: "rendered.yaml")
        } catch {
            fuzzFailure("the rendered configuration does not parse: \(error)\n--- rendered:\n\(rendered)", input: yaml)
        }
        var expected = configuration
        expected.metrics.token = nil
        guard reparsed == expected else {
            fuzzFailure(
                "the rendered configuration parses to another one\n--- parsed:\n\(expected)\n--- reparsed:\n"
                    + "\(reparsed)\n--- rendered:\n\(rendered)",
                input: yaml
            )
        }
        guard reparsed.renderedYAML == expected.renderedYAML else {
            fuzzFailure("rendering is not a fixed point\n--- rendered:\n\(rendered)", input: yaml)
        }
    }

    static func checkError(_ error: ConfigurationError, yaml: String) {
        guard error.file == Self.file, error.description.hasPrefix(Self.file + ":") else {
            fuzzFailure("the error does not start with the file name: \(error)", input: yaml)
        }
        if let line = error.line {
            // Yams counts lines after the last one too (an unterminated construct at the end).
            let lines = yaml.utf8.count { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } + 2
            guard line >= 1, line <= lines else {
                fuzzFailure("error line \(line) is outside the text (\(lines) lines): \(error)", input: yaml)
            }
        }
        guard !error.message.isEmpty else {
            fuzzFailure("an error without a message: \(error)", input: yaml)
        }
    }
}
