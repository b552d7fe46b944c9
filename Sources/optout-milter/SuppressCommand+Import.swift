import ArgumentParser
import Foundation
import Suppression

extension SuppressCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import opt-out lists (text, CSV, ESP exports, hashed lists).",
            discussion: """
                The format is recognised from the header row unless --format is given:
                  text       one address, @domain or hash per line (# comments)
                  csv        any CSV with an email/address column or a sha256/md5/hash column;
                             optional scope (or category), effective_at (or created_at, date),
                             source and reason columns
                  mailchimp  audience export, unsubscribed or cleaned file (Email Address,
                             UNSUB_TIME, UNSUB_REASON / CLEAN_TIME); the subscribed file is refused
                  sendgrid   email, created (+ reason, status for bounces; ip for spam reports)
                  mailgun    address, created_at (+ tags for unsubscribes, * = all; code, error
                             for bounces)
                  postmark   EmailAddress, SuppressionReason, Origin, CreatedAt
                  ses        EmailAddress, Reason, LastUpdateTime
                  export     the CSV written by `suppress export`
                Delimiters , ; and tab are recognised; a UTF-8 byte order mark is ignored.

                Each file is imported in one transaction: if any line is bad, nothing from that \
                file is stored and the error names the file and line (--skip-invalid skips and \
                counts bad lines instead). Entries already present keep the earlier effective time.

                \(ExitStatus.section(success: "every file was imported (or checked, with --dry-run)"))
                  A file that fails does not stop the others: each is its own transaction.
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var entryOptions: EntryOptions

        @Option(help: ArgumentHelp("The file format (default: detected from the header).", valueName: "format"))
        var format: String?

        @Flag(help: "Skip and count bad lines instead of failing the file.")
        var skipInvalid = false

        @Flag(help: "Read and check the files, store nothing.")
        var dryRun = false

        @Argument(help: ArgumentHelp("Files to import.", valueName: "file"))
        var files: [String]

        func validate() throws {
            _ = try self.chosenFormat()
        }

        func run() throws {
            try CommandFailure.reporting("suppress import") { try self.importFiles() }
        }

        /// `--format`, or nil to detect each file's format from its header.
        private func chosenFormat() throws -> ImportFormat? {
            guard let format else { return nil }
            guard let parsed = ImportFormat(rawValue: format.lowercased()) else {
                throw ValidationError(
                    "--format must be one of \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return parsed
        }

        private func importFiles() throws {
            let chosen = try self.chosenFormat()
            let store = try self.storeOptions.open()
            let normalizer = try AddressNormalizer(options: store.normalizationOptions())
            let importer = SuppressionImporter(
                normalizer: normalizer,
                options: SuppressionImporter.Options(
                    format: chosen,
                    scope: try self.entryOptions.parsedScope(),
                    effectiveAt: try self.entryOptions.parsedEffective(),
                    source: self.entryOptions.source,
                    reason: self.entryOptions.reason,
                    skipInvalid: self.skipInvalid
                )
            )
            var failed = false
            for file in self.files {
                let clock = ContinuousClock()
                let started = clock.now
                do {
                    let report =
                        self.dryRun
                        ? try importer.read(file) { _ in }
                        : try importer.importFile(file, into: store)
                    let kinds = report.byKind.sorted { $0.key.rawValue < $1.key.rawValue }
                        .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                    print(
                        "\(file): \(self.dryRun ? "checked" : "imported") \(report.entries) entries as \(report.format)"
                            + (kinds.isEmpty ? "" : " (\(kinds))") + " in \(clock.now - started)"
                    )
                    if report.skipped > 0 {
                        print("\(file): skipped \(report.skipped) bad lines, e.g.:")
                        for example in report.skippedExamples {
                            print("  \(example)")
                        }
                    }
                } catch {
                    printError("optout-milter suppress import: \(error) (nothing from this file was stored)")
                    failed = true
                }
            }
            if failed {
                throw ExitStatus.failure.exit
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export entries as CSV (readable again by `suppress import`).",
            discussion: """
                Columns: id, entry, kind, scope, effective_at, source, reason, raw, created_at, \
                removed_at. Times are ISO 8601 UTC.

                \(ExitStatus.section(success: "the entries were written"))
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Include removed entries (with their removed_at time).")
        var includeRemoved = false

        @Option(
            name: [.short, .long],
            help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")
        )
        var output: String?

        func run() throws {
            try CommandFailure.reporting("suppress export") { try self.export() }
        }

        private func export() throws {
            let store = try self.storeOptions.open()
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil) else {
                    throw CommandFailure("cannot create \(output)")
                }
                guard let file = FileHandle(forWritingAtPath: output) else {
                    throw CommandFailure("cannot open \(output)")
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            let count = try SuppressionExporter.export(store, includingRemoved: self.includeRemoved) {
                try handle.write(contentsOf: $0)
            }
            if let output {
                try handle.close()
                printError("exported \(count) entries to \(output)")
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show entry counts, scopes and the store's normalisation.",
            discussion: ExitStatus.section(success: "the store was read")
        )

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try CommandFailure.reporting("suppress stats") { try self.printStatistics() }
        }

        private func printStatistics() throws {
            let store = try self.storeOptions.open()
            let stats = try store.statistics()
            print("store:          \(try SuppressionStoreURL(self.storeOptions.url))")
            print("active entries: \(stats.active)")
            for kind in EntryKind.allCases {
                print(
                    "  \(kind.description.padding(toLength: 18, withPad: " ", startingAt: 0)) \(stats.activeByKind[kind, default: 0])"
                )
            }
            print("by scope:")
            for (scope, count) in stats.activeByScope.sorted(by: { $0.key < $1.key }) {
                print("  \(scope.padding(toLength: 18, withPad: " ", startingAt: 0)) \(count)")
            }
            print("removed (history): \(stats.removed)")
            print("change token:   \(stats.changeToken)")
            let options = stats.options
            print(
                "normalisation:  lowercase local part \(options.lowercaseLocalPart ? "on" : "off"), "
                    + "sub-address separators \"\(options.subaddressSeparators)\", "
                    + "provider rules \(options.providerRules.map { $0.domains.joined(separator: "/") })"
            )
        }
    }
}
