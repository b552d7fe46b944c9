import ArgumentParser
import Foundation
import Suppression

extension SuppressCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add opt-outs.",
            discussion: """
                Adding an entry that exists with the same scope keeps one entry with the earlier \
                effective time; adding a removed entry again brings it back.

                Examples:
                  optout-milter suppress add jane@example.com
                  optout-milter suppress add --scope newsletter --reason "reply STOP" joe@example.org
                  optout-milter suppress add @competitor.example @*.legal-hold.example
                  optout-milter suppress add sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8

                \(ExitStatus.section(success: "every entry was stored"))
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var entryOptions: EntryOptions

        @Flag(help: "Domain entries (@example.com) also cover every subdomain.")
        var subdomains = false

        @Argument(help: ArgumentHelp("Addresses, @domains or hashes.", valueName: "entry"))
        var entries: [String]

        func run() throws {
            try CommandFailure.reporting("suppress add") { try self.add() }
        }

        private func add() throws {
            let store = try self.storeOptions.open()
            let normalizer = try AddressNormalizer(options: store.normalizationOptions())
            let scope = try self.entryOptions.parsedScope()
            let effective = try self.entryOptions.parsedEffective() ?? Date()
            var drafts: [NewSuppressionEntry] = []
            for text in self.entries {
                do {
                    let key = try SuppressionKey.parse(text, normalizer: normalizer, subdomains: self.subdomains)
                    drafts.append(
                        NewSuppressionEntry(
                            key: key,
                            raw: text,
                            scope: scope,
                            effectiveAt: effective,
                            source: self.entryOptions.source ?? "cli",
                            reason: self.entryOptions.reason ?? "manual"
                        )
                    )
                } catch {
                    throw ValidationError("\(text): \(error)")
                }
            }
            try store.write { writer in
                for draft in drafts {
                    try writer.add(draft)
                }
            }
            for draft in drafts {
                print("added \(draft.key) (\(draft.key.kind), scope \(scope.spec))")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove opt-outs (kept in the store as history, no longer applied).",
            discussion: """
                Give entries as for `add` (every scope unless --scope is given), or ids as \
                shown by `lookup` and `export` with --id.

                \(ExitStatus.section(success: "at least one entry was removed", answeredNo: "nothing was removed"))
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("Only remove entries with this scope.", valueName: "scope"))
        var scope: String?

        @Option(
            name: .customLong("id"),
            help: ArgumentHelp("Remove the entry with this id (repeatable).", valueName: "id")
        )
        var ids: [Int64] = []

        @Argument(help: ArgumentHelp("Addresses, @domains or hashes.", valueName: "entry"))
        var entries: [String] = []

        func validate() throws {
            guard !self.entries.isEmpty || !self.ids.isEmpty else {
                throw ValidationError("give at least one entry or --id")
            }
            _ = try self.parsedScope()
        }

        func run() throws {
            try CommandFailure.reporting("suppress remove") { try self.remove() }
        }

        private func remove() throws {
            let store = try self.storeOptions.open()
            let normalizer = try AddressNormalizer(options: store.normalizationOptions())
            let scope = try self.parsedScope()
            let keys = try self.entries.map { text in
                do {
                    return try SuppressionKey.parse(text, normalizer: normalizer)
                } catch {
                    throw ValidationError("\(text): \(error)")
                }
            }
            let removed = try store.write { writer in
                var count = 0
                for key in keys {
                    count += try writer.remove(key: key, scope: scope)
                }
                for id in self.ids where try writer.remove(id: id) {
                    count += 1
                }
                return count
            }
            print("removed \(removed) entr\(removed == 1 ? "y" : "ies")")
            if removed == 0 {
                throw ExitStatus.answeredNo.exit
            }
        }

        private func parsedScope() throws -> SuppressionScope? {
            try self.scope.map { text in
                do {
                    return try SuppressionScope(parsing: text)
                } catch {
                    throw ValidationError("--scope: \(error)")
                }
            }
        }
    }
}
