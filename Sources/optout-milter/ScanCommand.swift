import ArgumentParser
import Foundation
import MailCorpus
import MailScanner

/// `optout-milter scan`: shows what the classification rules see in a message.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Decode a message the way the milter does and print what the rules see.",
        discussion: """
            Reads each FILE as a raw RFC 5322 message (an .eml file, headers then body; an mbox \
            "From " line at the top is ignored; "-" reads standard input) and scans it exactly as \
            the milter scans a message in flight: headers unfolded and RFC 2047 words decoded, the \
            MIME tree walked, base64 and quoted-printable undone, every charset converted to UTF-8, \
            HTML reduced to its visible text with links, images and hidden text noted.

            The human output lists the headers the rules use (Subject, From, To, Cc, Reply-To), the \
            flags, each text part (kind, charset, text), the links (host, path, query parameters, \
            link text), the images (source, declared size; a 1x1 image is marked as a tracking \
            pixel) and the attachments (name, type, decoded size).

            FLAGS
              truncated       larger than --max-bytes; what came before is kept
              malformed       an unclosed boundary, a missing blank line after
                              headers, or a damaged base64/QP encoding
              limits-reached  a cap (parts, nesting, header count or size)
                              left something out
              html-only       HTML text and no plain-text alternative
              hidden-text     HTML hides text (display:none, font-size:0, ...)

            With --json the ScannedMessage value is printed as JSON, one object per line per file \
            (the same value the classifier receives; field meanings are in docs/SCANNER.md). \
            --source adds each text part's decoded source (the HTML before text extraction).

            \(ExitStatus.section(success: "every file was scanned"))

            EXAMPLES
              optout-milter scan message.eml
              optout-milter scan --json message.eml | jq '.links[].host'
              optout-milter scan --json --source Tests/MailScannerTests/Fixtures/*.eml
            """
    )

    @Argument(help: ArgumentHelp("Raw message files (.eml); '-' for standard input.", valueName: "FILE"))
    var files: [String]

    @Flag(help: "Print the scanned message as JSON (one object per line per file).")
    var json = false

    @Flag(help: "With --json: include each text part's decoded source (the HTML before extraction).")
    var source = false

    @Option(help: "Scan at most this many bytes of each message (the milter's default is 2 MiB).")
    var maxBytes: Int = ScanLimits().maxScannedBytes

    func run() throws {
        var failed = false
        for file in self.files {
            let data: Data
            do {
                if file == "-" {
                    data = FileHandle.standardInput.readDataToEndOfFile()
                } else {
                    data = try Data(contentsOf: URL(fileURLWithPath: file))
                }
            } catch {
                printError("optout-milter scan: cannot read \(file): \(error.localizedDescription)")
                failed = true
                continue
            }
            var scanner = MessageScanner(limits: ScanLimits(maxScannedBytes: self.maxBytes))
            scanner.keepsDecodedSource = self.source
            scanner.consumeRaw(data)
            let message = scanner.finish()
            if self.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var line = try encoder.encode(message)
                line.append(0x0A)
                FileHandle.standardOutput.write(line)
            } else {
                if self.files.count > 1 { print("==> \(file) <==") }
                print(ScanReport(message: message).text)
            }
        }
        // The other files were still scanned: one unreadable file should not hide the rest.
        if failed { throw ExitStatus.failure.exit }
    }
}
