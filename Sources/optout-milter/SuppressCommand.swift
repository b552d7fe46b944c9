import ArgumentParser
import Foundation
import Suppression

/// `optout-milter suppress`: manage the opt-out (suppression) list.
struct SuppressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suppress",
        abstract: "Manage the opt-out (suppression) list.",
        discussion: """
            Entries are exact addresses (jane@example.com), whole domains (@example.com, or \
            @*.example.com for the domain and all its subdomains) or hashes of normalised \
            addresses (sha256:<64 hex>, md5:<32 hex>, or the bare hex). Each entry has a scope \
            (* = all marketing, or category names such as newsletter,offers), the time it took \
            effect, a source and a reason.

            Addresses are normalised before they are stored or looked up; `suppress normalize` \
            shows how. A running daemon picks up changes by itself within a few seconds, or at \
            once on SIGUSR1.

            STORE: every subcommand that reads or writes entries takes --store URL. Without it \
            the URL comes from $OPTOUT_MILTER_SUPPRESSION_STORE, else \
            \(SuppressionStoreURL.defaultValue). URLs: sqlite:/path/to/file.db (created on \
            first use) or a bare path.

            EXIT STATUS: as grep, 0 and 1 are answers and 2 is trouble: 0 done (lookup: \
            suppressed), 1 the other answer (lookup: not suppressed; remove: nothing removed), 2 a \
            store or file could not be read or written (one line on standard error, no usage), \
            64 wrong arguments (with the usage). Each subcommand's help says which apply.

            See docs/SUPPRESSION.md for normalisation rules, import formats and sizing.
            """,
        subcommands: [Add.self, Remove.self, Lookup.self, Import.self, Export.self, Stats.self, Normalize.self]
    )
}

/// `--store URL`, shared by the subcommands that open a store.
struct StoreOptions: ParsableArguments {
    static let environmentVariable = "OPTOUT_MILTER_SUPPRESSION_STORE"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The suppression store (default: $\(Self.environmentVariable) or \(SuppressionStoreURL.defaultValue)).",
            valueName: "url"
        )
    )
    var store: String?

    /// The URL in effect.
    var url: String {
        self.store ?? ProcessInfo.processInfo.environment[Self.environmentVariable] ?? SuppressionStoreURL.defaultValue
    }

    func open() throws -> any SuppressionStore {
        try SuppressionStoreURL(self.url).open()
    }
}

/// `--scope`, `--effective`, `--source`, `--reason`: what new entries carry.
struct EntryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "What the opt-out covers: * (all marketing) or categories, e.g. newsletter,offers.",
            valueName: "scope"
        )
    )
    var scope: String = "*"

    @Option(
        help: ArgumentHelp(
            "When the opt-out took effect (ISO 8601, RFC 2822 or Unix seconds; default: now).",
            valueName: "time"
        )
    )
    var effective: String?

    @Option(help: "Where the opt-out came from.")
    var source: String?

    @Option(help: "Why (unsubscribe link, complaint, legal objection, ...).")
    var reason: String?

    /// Checked while parsing, so a bad value prints this subcommand's usage before any store opens.
    func validate() throws {
        _ = try self.parsedScope()
        _ = try self.parsedEffective()
    }

    func parsedScope() throws -> SuppressionScope {
        do {
            return try SuppressionScope(parsing: self.scope)
        } catch {
            throw ValidationError("--scope: \(error)")
        }
    }

    func parsedEffective() throws -> Date? {
        guard let effective else { return nil }
        guard let date = Timestamp.parse(effective) else {
            throw ValidationError("--effective: cannot read '\(effective)' as a time")
        }
        return date
    }
}

extension Date {
    /// ISO 8601 in UTC, seconds precision: how the CLI prints times.
    var iso8601: String { self.formatted(.iso8601) }
}
