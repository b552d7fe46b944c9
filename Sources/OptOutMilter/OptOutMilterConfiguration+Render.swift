import Logging
import Milter
import Policy
import Unsubscribe

extension OptOutMilterConfiguration {
    /// The effective configuration as YAML, every key with its value (defaults included), in the
    /// order of contrib/optout-milter.yaml: what `config check` prints. `metrics.token` is never shown.
    public var renderedYAML: String {
        let policy = self.policy
        func list(_ items: [String]) -> String {
            "[" + items.map { Self.quoted($0) }.joined(separator: ", ") + "]"
        }
        var lines: [String] = ["socket: \(Self.quoted(self.socket.description))"]
        lines.append(
            self.socketOwner.map { "socket_owner: \(Self.quoted($0))" } ?? "# socket_owner: (the process's user)"
        )
        lines.append(
            self.socketGroup.map { "socket_group: \(Self.quoted($0))" } ?? "# socket_group: (the process's group)"
        )
        lines.append("socket_mode: \"0\(String(self.socketMode, radix: 8))\"")
        lines.append(self.listenBacklog.map { "listen_backlog: \($0)" } ?? "# listen_backlog: (libmilter's)")
        lines.append(self.user.map { "user: \(Self.quoted($0))" } ?? "# user: (stays the user it was started as)")
        lines.append(self.group.map { "group: \(Self.quoted($0))" } ?? "# group: (the user's primary group)")
        lines += [
            "on_internal_error: \(self.onInternalError.rawValue)",
            "drain_timeout: \(self.drainTimeoutSeconds)",
            "log_level: \(self.logLevel.rawValue)",
            "mode: \(policy.mode.rawValue)",
            "outbound:",
            "  authenticated: \(policy.outbound.authenticated)",
            "  daemons: \(list(policy.outbound.daemons))",
            "  networks: \(list(policy.outbound.networks.map(\.description)))",
            "suppression:",
            "  store: \(Self.quoted(self.suppressionStore))",
            "  refresh_interval: \(self.refreshIntervalSeconds)",
            "scan: \(self.scan.rawValue)",
            "classifier:",
            "  rules: \(Self.quoted(self.classifierRules ?? "builtin"))",
        ]
        lines.append("  model: \(Self.quoted(self.classifierModel ?? "none"))")
        lines.append(self.classifierThreshold.map { "  threshold: \($0)" } ?? "  # threshold: (the rule pack's)")
        lines += [
            "  uncertain_band: \(policy.uncertainBand)",
            "declared:",
            "  header: \(Self.quoted(policy.declared.header))",
            "  remove_header: \(policy.declared.removeHeader)",
            "  service_senders: \(list(policy.declared.serviceSenders))",
            "actions:",
            "  suppressed: \(Self.quoted(policy.actions.suppressed.description))",
            "  all_suppressed: \(Self.quoted(policy.actions.allSuppressed.description))",
            "  mislabelled: \(Self.quoted(policy.actions.mislabelled.description))",
            "  uncertain: \(Self.quoted(policy.actions.uncertain.description))",
            "  reject_text: \(Self.quoted(policy.actions.rejectText))",
            "header: \(Self.quoted(policy.headerName ?? ""))",
            "audit:",
            "  path: \(Self.quoted(self.auditPath ?? ""))",
            "  recipients: \(self.auditRecipients.rawValue)",
            "metrics:",
            "  listen: \(Self.quoted(self.metrics.listen?.description ?? ""))",
            "  allow_remote: \(self.metrics.allowRemote)",
            self.metrics.token == nil ? "  # token: (none)" : "  # token: (set, not shown)",
            "  max_snapshot_age: \(self.metrics.maxSnapshotAgeSeconds)",
        ]
        if let unsubscribe = self.unsubscribe {
            lines += [
                "unsubscribe:",
                "  url: \(Self.quoted(unsubscribe.url))",
                "  mailto: \(Self.quoted(unsubscribe.mailto ?? ""))",
                "  listen: \(Self.quoted(unsubscribe.listen.description))",
                "  allow_remote: \(unsubscribe.allowRemote)",
                "  keys: \(list(unsubscribe.keyFiles))",
                "  scope: \(Self.quoted(unsubscribe.scope))",
                "  token_lifetime: \(unsubscribe.tokenLifetimeSeconds)",
                "  headers: \(unsubscribe.headers.rawValue)",
            ]
        } else {
            lines.append("# unsubscribe: (off)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Line and paragraph separators, the byte-order mark and two non-characters: YAML reads
    /// them raw as breaks or refuses them.
    private static let escapedAbove: Set<UInt32> = [0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF]

    /// A YAML double-quoted scalar: always valid whatever the text holds (`:`, `#`, `@`, leading
    /// spaces), and read back as the same text: line breaks, control characters and the code
    /// points YAML does not carry raw are written as `\uXXXX` escapes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || Self.escapedAbove.contains(value) {
                    let hex = String(value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Loads the file and everything it names that can be checked without touching the mail path
    /// or the store: the rule file compiles and the threshold applies, the unsubscribe keys read.
    /// `config check` runs this.
    public static func check(path: String) throws -> Self {
        let configuration = try Self.load(path: path)
        _ = try ClassifierLoader.load(configuration)
        _ = try configuration.unsubscribe?.links()
        return configuration
    }
}
