import ArgumentParser
import Foundation
import Suppression

extension SuppressCommand {
    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether an address is suppressed, by which entry, and why.",
            discussion: """
                Checks the same forms, in the same order, as the daemon: the canonical address \
                (exact and SHA-256 entries), the basic form (SHA-256 entries), MD5 of both, then \
                the domain and each parent domain. Entries that match the address but do not \
                apply (other scope, not yet effective) are listed too.

                \(ExitStatus.section(success: "suppressed", answeredNo: "not suppressed"))
                  As grep: 2 also when the address cannot be parsed.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("The message's marketing category (default: none).", valueName: "name"))
        var category: String?

        @Option(help: ArgumentHelp("Judge at this time instead of now.", valueName: "time"))
        var at: String?

        @Argument(help: "The recipient address.")
        var address: String

        func validate() throws {
            _ = try self.judgedAt()
        }

        /// `--at`, else now.
        private func judgedAt() throws -> Date {
            guard let at else { return Date() }
            guard let parsed = Timestamp.parse(at) else {
                throw ValidationError("--at: cannot read '\(at)' as a time")
            }
            return parsed
        }

        func run() throws {
            let date = try self.judgedAt()
            let explanation: SuppressionExplanation
            do {
                let store = try self.storeOptions.open()
                explanation = try SuppressionExplanation.explain(
                    recipient: self.address,
                    category: self.category,
                    at: date,
                    store: store
                )
            } catch {
                printError("optout-milter suppress lookup: \(self.address): \(error)")
                throw ExitStatus.failure.exit
            }
            print("address:    \(self.address)")
            print("canonical:  \(explanation.address.canonical)")
            print("basic:      \(explanation.address.basic)")
            print("category:   \(self.category ?? "(none)") at \(date.iso8601)")
            if let match = explanation.match {
                print("suppressed: yes, by entry \(match.entry.id)")
            } else {
                print("suppressed: no")
            }
            for finding in explanation.findings {
                let entry = finding.entry
                let status = finding.notApplicable.map { "does not apply: \($0)" } ?? "applies"
                print("  entry \(entry.id) [\(status)]")
                print("    matched:   \(entry.key.kind) on \(finding.matchedForm) (key \(entry.key))")
                print("    scope:     \(entry.scope.spec)   effective: \(entry.effectiveAt.iso8601)")
                print("    source:    \(entry.source)   reason: \(entry.reason)   raw: \(entry.raw)")
            }
            if explanation.match == nil {
                throw ExitStatus.answeredNo.exit
            }
        }
    }

    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how addresses are normalised, and their hashes.",
            discussion: """
                Prints the canonical key (what exact entries are stored under), the basic form \
                (trim + lower case + A-label domain: what hashed lists are usually made from) \
                and the SHA-256 and MD5 of both. Options default to the documented defaults; \
                with --store the store's own options are used.

                \(ExitStatus.section(success: "every address was normalised"))
                  2 also when an address cannot be normalised (the others are still shown).
                """
        )

        @Option(help: ArgumentHelp("Use the normalisation options of this store.", valueName: "url"))
        var store: String?

        @Flag(inversion: .prefixedNo, help: "Lower-case the local part.")
        var lowercaseLocalPart = true

        @Option(help: ArgumentHelp("Sub-address separators; empty to keep sub-addresses.", valueName: "chars"))
        var subaddressSeparators = "+"

        @Flag(inversion: .prefixedNo, help: "Apply provider rules (Gmail dots, googlemail.com).")
        var providerRules = true

        @Argument(help: "Addresses to normalise.")
        var addresses: [String]

        func run() throws {
            try CommandFailure.reporting("suppress normalize") { try self.normalizeAll() }
        }

        private func normalizeAll() throws {
            let options: NormalizationOptions
            if let store {
                options = try SuppressionStoreURL(store).open().normalizationOptions()
            } else {
                options = NormalizationOptions(
                    lowercaseLocalPart: self.lowercaseLocalPart,
                    subaddressSeparators: self.subaddressSeparators,
                    providerRules: self.providerRules ? [.gmail] : []
                )
            }
            let normalizer: AddressNormalizer
            do {
                normalizer = try AddressNormalizer(options: options)
            } catch {
                throw ValidationError("\(error)")
            }
            var failed = false
            for address in self.addresses {
                do {
                    let result = try normalizer.normalize(address)
                    print("input:      \(address)")
                    print("canonical:  \(result.canonical)")
                    print("basic:      \(result.basic)")
                    print("domain:     \(result.domain)")
                    print("sha256:     \(AddressHashes.sha256Hex(result.canonical))  (canonical)")
                    print("            \(AddressHashes.sha256Hex(result.basic))  (basic)")
                    print("md5:        \(AddressHashes.md5Hex(result.canonical))  (canonical)")
                    print("            \(AddressHashes.md5Hex(result.basic))  (basic)")
                } catch {
                    printError("optout-milter suppress normalize: \(address): \(error)")
                    failed = true
                }
            }
            if failed {
                throw ExitStatus.failure.exit
            }
        }
    }
}
