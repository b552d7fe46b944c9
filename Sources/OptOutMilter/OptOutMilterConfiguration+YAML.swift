import Foundation
import Logging
import Milter
import Policy
import Suppression
import Unsubscribe
import Yams

extension OptOutMilterConfiguration {
    /// Every top-level key the file may contain; a section's value is a mapping of its own keys.
    /// Anything else is an error, so that a typo never silently leaves a default in force.
    static let keys: Set<String> = [
        "socket", "socket_owner", "socket_group", "socket_mode", "listen_backlog", "user", "group",
        "on_internal_error", "drain_timeout", "log_level", "mode", "scan", "header",
    ]
    static let sections: [String: Set<String>] = [
        "outbound": ["authenticated", "daemons", "networks"],
        "suppression": ["store", "refresh_interval"],
        "classifier": ["rules", "model", "threshold", "uncertain_band"],
        "declared": ["header", "remove_header", "service_senders"],
        "actions": ["suppressed", "all_suppressed", "mislabelled", "uncertain", "reject_text"],
        "audit": ["path", "recipients"],
        "metrics": ["listen", "allow_remote", "token", "max_snapshot_age"],
        "unsubscribe": ["url", "mailto", "listen", "allow_remote", "keys", "scope", "token_lifetime", "headers"],
    ]
    /// Sections that turn a feature on by being present: an empty one is an error, not defaults.
    static let requiredKeys: [String: [String]] = ["unsubscribe": ["url", "keys"]]

    /// Reads and validates a configuration file.
    public static func load(path: String) throws(ConfigurationError) -> Self {
        guard let data = FileManager.default.contents(atPath: path) else {
            // Foundation's error text names its own domain and codes; say what an admin can act on.
            var isDirectory: ObjCBool = false
            let why =
                !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                ? "no such file" : isDirectory.boolValue ? "is a directory" : "permission denied"
            throw ConfigurationError(file: path, line: nil, message: "cannot read the file: \(why)")
        }
        return try Self.parse(yaml: String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses configuration YAML; `file` names the source in errors.
    public static func parse(yaml: String, file: String) throws(ConfigurationError) -> Self {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.error(from: error, file: file)
        } catch {
            throw ConfigurationError(file: file, line: nil, message: "\(error)")
        }
        var configuration = Self()
        /// The line of each section's `listen` key, for the loopback check at the end.
        var listenLines: [String: Int] = [:]
        guard let root else {
            return configuration  // an empty file means every default
        }
        guard let mapping = root.mapping else {
            throw ConfigurationError(file: file, line: root.mark?.line, message: "expected a mapping of keys to values")
        }
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? "?"
            if let subkeys = Self.sections[key] {
                let required = Self.requiredKeys[key] ?? []
                guard let section = valueNode.mapping else {
                    // `audit:` with nothing under it: defaults
                    if valueNode.null != nil, required.isEmpty { continue }
                    throw ConfigurationError(
                        file: file,
                        line: valueNode.mark?.line ?? keyNode.mark?.line,
                        message: "\(key): expected a mapping of \(subkeys.sorted().joined(separator: ", "))"
                    )
                }
                for (subkeyNode, subvalue) in section {
                    let subkey = subkeyNode.string ?? "?"
                    guard subkeys.contains(subkey) else {
                        throw ConfigurationError(
                            file: file,
                            line: subkeyNode.mark?.line,
                            message: "unknown key '\(key).\(subkey)' (known keys of \(key): "
                                + "\(subkeys.sorted().joined(separator: ", ")))"
                        )
                    }
                    let reader = ValueReader(key: "\(key).\(subkey)", node: subvalue, file: file)
                    try configuration.apply(reader)
                    if subkey == "listen" {
                        listenLines[key] = subvalue.mark?.line
                    }
                }
                let present = Set(section.keys.compactMap(\.string))
                if let missing = required.first(where: { !present.contains($0) }) {
                    throw ConfigurationError(
                        file: file,
                        line: keyNode.mark?.line,
                        message: "\(key): '\(key).\(missing)' is required (\(required.joined(separator: " and ")))"
                    )
                }
                continue
            }
            guard Self.keys.contains(key) else {
                let known = (Self.keys.union(Self.sections.keys)).sorted().joined(separator: ", ")
                throw ConfigurationError(
                    file: file,
                    line: keyNode.mark?.line,
                    message: "unknown key '\(key)' (known keys: \(known))"
                )
            }
            try configuration.apply(ValueReader(key: key, node: valueNode, file: file))
        }
        // Checked once every key is read, so that allow_remote may come before or after listen.
        try Self.checkLoopback(
            "metrics",
            configuration.metrics.listen,
            allowRemote: configuration.metrics.allowRemote,
            line: listenLines["metrics"],
            file: file,
            serving: "metrics"
        )
        try Self.checkLoopback(
            "unsubscribe",
            configuration.unsubscribe?.listen,
            allowRemote: configuration.unsubscribe?.allowRemote ?? false,
            line: listenLines["unsubscribe"],
            file: file,
            serving: "it",
            hint: " (usually a reverse proxy on this machine publishes it)"
        )
        return configuration
    }

    /// A `SECTION.listen` beyond loopback needs `SECTION.allow_remote: true`: nothing listens to
    /// the network unless the file says so.
    private static func checkLoopback(
        _ section: String,
        _ listen: MetricsListenAddress?,
        allowRemote: Bool,
        line: Int?,
        file: String,
        serving what: String,
        hint: String = ""
    ) throws(ConfigurationError) {
        guard let listen, !listen.isLoopback, !allowRemote else { return }
        throw ConfigurationError(
            file: file,
            line: line,
            message: "\(section).listen: \(listen) is not a loopback address; "
                + "set \(section).allow_remote: true to serve \(what) beyond this machine\(hint)"
        )
    }

    /// Sets the key `reader` names.
    private mutating func apply(_ reader: ValueReader) throws(ConfigurationError) {
        switch reader.key {
        case "socket":
            let text = try reader.string()
            do {
                self.socket = try MilterSocket(parsing: text)
            } catch {
                throw reader.error(error.description)
            }
        case "socket_owner": self.socketOwner = try reader.string()
        case "socket_group": self.socketGroup = try reader.string()
        case "user":
            let name = try reader.string()
            guard MilterPrivileges.isUser(name) else { throw reader.error("no such user: \(name)") }
            self.user = name
        case "group":
            let name = try reader.string()
            guard MilterPrivileges.isGroup(name) else { throw reader.error("no such group: \(name)") }
            self.group = name
        case "socket_mode": self.socketMode = try reader.octalMode()
        case "listen_backlog": self.listenBacklog = Int32(try reader.integer(in: 1...65_535))
        case "on_internal_error": self.onInternalError = try reader.choice(ErrorAction.self)
        case "drain_timeout": self.drainTimeoutSeconds = try reader.seconds(in: 0...3600)
        case "log_level": self.logLevel = try reader.choice(Logger.Level.self)
        case "mode": self.policy.mode = try reader.choice(PolicyMode.self)
        case "scan": self.scan = try reader.choice(ScanMode.self)
        case "header":
            let name = try reader.string(allowEmpty: true)
            guard name.isEmpty || Self.isHeaderName(name) else {
                throw reader.error("'\(name)' is not a header name (letters, digits and '-')")
            }
            self.policy.headerName = name.isEmpty ? nil : name
        case "outbound.authenticated": self.policy.outbound.authenticated = try reader.bool()
        case "outbound.daemons": self.policy.outbound.daemons = try reader.strings()
        case "outbound.networks":
            var networks: [IPNetwork] = []
            for text in try reader.strings() {
                guard let network = IPNetwork(parsing: text) else {
                    throw reader.error("'\(text)' is not an IPv4 or IPv6 network such as 10.0.0.0/8 or ::1/128")
                }
                networks.append(network)
            }
            self.policy.outbound.networks = networks
        case "suppression.store":
            let text = try reader.string()
            do {
                _ = try SuppressionStoreURL(text)
            } catch {
                throw reader.error(error.message)
            }
            self.suppressionStore = text
        case "suppression.refresh_interval": self.refreshIntervalSeconds = try reader.seconds(in: 0.1...86_400)
        case "classifier.rules":
            let text = try reader.string()
            self.classifierRules = text == "builtin" ? nil : text
        case "classifier.model":
            let text = try reader.string(allowEmpty: true)
            self.classifierModel = text.isEmpty || text == "none" ? nil : text
        case "classifier.threshold": self.classifierThreshold = try reader.number(in: -1000...1000)
        case "classifier.uncertain_band": self.policy.uncertainBand = try reader.number(in: 0...1000)
        case "declared.header":
            let name = try reader.string()
            guard Self.isHeaderName(name) else { throw reader.error("'\(name)' is not a header name") }
            self.policy.declared.header = name
        case "declared.remove_header": self.policy.declared.removeHeader = try reader.bool()
        case "declared.service_senders":
            let senders = try reader.strings()
            for sender in senders where !sender.contains("@") {
                throw reader.error("'\(sender)' is neither an address nor an @domain")
            }
            self.policy.declared.serviceSenders = senders.map { $0.lowercased() }
        case "actions.suppressed": self.policy.actions.suppressed = try reader.action()
        case "actions.all_suppressed": self.policy.actions.allSuppressed = try reader.action()
        case "actions.mislabelled": self.policy.actions.mislabelled = try reader.action()
        case "actions.uncertain": self.policy.actions.uncertain = try reader.action()
        case "actions.reject_text":
            let text = try reader.string()
            guard !text.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw reader.error("the reply text must be one line")
            }
            self.policy.actions.rejectText = text
        case "audit.path":
            let path = try reader.string(allowEmpty: true)
            self.auditPath = path.isEmpty ? nil : path
        case "audit.recipients": self.auditRecipients = try reader.choice(AuditRecipients.self)
        case "metrics.listen":
            let text = try reader.string(allowEmpty: true)
            if text.isEmpty {
                self.metrics.listen = nil
            } else {
                guard let address = MetricsListenAddress(parsing: text) else {
                    throw reader.error("'\(text)' is not HOST:PORT, e.g. 127.0.0.1:9187 or [::1]:9187")
                }
                self.metrics.listen = address
            }
        case "metrics.allow_remote": self.metrics.allowRemote = try reader.bool()
        case "metrics.token":
            let token = try reader.string(allowEmpty: true)
            guard !token.contains(where: { $0.isWhitespace }) else { throw reader.error("a token has no spaces") }
            self.metrics.token = token.isEmpty ? nil : token
        case "metrics.max_snapshot_age": self.metrics.maxSnapshotAgeSeconds = try reader.seconds(in: 1...604_800)
        default:
            if reader.key.hasPrefix("unsubscribe.") {
                try self.applyUnsubscribe(reader)
            } else {
                throw reader.error("not a known key")
            }
        }
    }

    /// Sets a key of the `unsubscribe` section (the section exists from its first key on).
    private mutating func applyUnsubscribe(_ reader: ValueReader) throws(ConfigurationError) {
        var settings = self.unsubscribe ?? UnsubscribeSettings(url: "", keyFiles: [])
        switch reader.key {
        case "unsubscribe.url":
            let url = try reader.string()
            if let problem = UnsubscribeLinks.problem(withBaseURL: url) { throw reader.error(problem) }
            settings.url = url
        case "unsubscribe.mailto":
            let address = try reader.string(allowEmpty: true)
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard address.isEmpty || (parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty),
                !address.contains(where: { $0 == "<" || $0 == ">" || $0 == "," || $0.isWhitespace })
            else { throw reader.error("'\(address)' is not a mailbox such as unsubscribe@example.com") }
            settings.mailto = address.isEmpty ? nil : address
        case "unsubscribe.listen":
            let text = try reader.string()
            guard let address = MetricsListenAddress(parsing: text) else {
                throw reader.error("'\(text)' is not HOST:PORT, e.g. 127.0.0.1:9188 or [::1]:9188")
            }
            settings.listen = address
        case "unsubscribe.allow_remote": settings.allowRemote = try reader.bool()
        case "unsubscribe.keys":
            let files = reader.node.scalar != nil ? [try reader.string()] : try reader.strings()
            guard !files.isEmpty else { throw reader.error("expected at least one key file") }
            settings.keyFiles = files
        case "unsubscribe.scope":
            let text = try reader.string()
            do {
                settings.scope = try SuppressionScope(parsing: text).spec
            } catch {
                throw reader.error("\(error)")
            }
        case "unsubscribe.token_lifetime":
            settings.tokenLifetimeSeconds = try reader.duration(in: 3600...(3650 * 86_400))
        case "unsubscribe.headers": settings.headers = try reader.choice(UnsubscribeHeaderMode.self)
        default:
            throw reader.error("not a known key")
        }
        self.unsubscribe = settings
    }

    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x21 && $0 <= 0x7E) && $0 != UInt8(ascii: ":") }
    }

    private static func error(from error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigurationError(file: file, line: mark.line, message: "invalid YAML: \(problem)")
        default:
            return ConfigurationError(file: file, line: nil, message: "invalid YAML: \(error)")
        }
    }
}

/// Reads one value of the configuration with errors that name the key, file and line.
private struct ValueReader {
    var key: String
    var node: Node
    var file: String

    func error(_ message: String) -> ConfigurationError {
        ConfigurationError(file: self.file, line: self.node.mark?.line, message: "\(self.key): \(message)")
    }

    func string(allowEmpty: Bool = false) throws(ConfigurationError) -> String {
        guard let scalar = self.node.scalar, allowEmpty || !scalar.string.isEmpty else {
            throw self.error(allowEmpty ? "expected a string" : "expected a non-empty string")
        }
        return scalar.string
    }

    func strings() throws(ConfigurationError) -> [String] {
        guard let sequence = self.node.sequence else {
            throw self.error("expected a list, e.g. [a, b]")
        }
        var out: [String] = []
        for item in sequence {
            guard let scalar = item.scalar, !scalar.string.isEmpty else {
                throw self.error("expected a list of non-empty strings")
            }
            out.append(scalar.string)
        }
        return out
    }

    func bool() throws(ConfigurationError) -> Bool {
        switch try self.string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw self.error("expected true or false")
        }
    }

    func integer(in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = Int(try self.string()), range.contains(value) else {
            throw self.error("expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func number(in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        guard let value = Double(try self.string()), value.isFinite, range.contains(value) else {
            throw self.error("expected a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func seconds(in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        guard let value = Double(try self.string()), range.contains(value) else {
            throw self.error("expected a number of seconds from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A duration: seconds, or a number with the unit `s`, `m`, `h` or `d` (`400d`).
    func duration(in range: ClosedRange<Int64>) throws(ConfigurationError) -> Int64 {
        var text = try self.string()
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var unit: Int64 = 1
        if let last = text.last, let factor = units[last] {
            unit = factor
            text.removeLast()
        }
        guard let count = Int64(text), count >= 0, count <= Int64.max / unit, range.contains(count * unit) else {
            throw self.error(
                "expected a duration such as 400d, 12h or 3600 (seconds), from \(range.lowerBound) s "
                    + "to \(range.upperBound / 86_400) d"
            )
        }
        return count * unit
    }

    /// A mode written in octal, e.g. `0660` or `"660"`.
    func octalMode() throws(ConfigurationError) -> UInt32 {
        guard let mode = UInt32(try self.string(), radix: 8), mode <= 0o777 else {
            throw self.error("expected an octal mode such as 0660")
        }
        return mode
    }

    func action() throws(ConfigurationError) -> PolicyAction {
        let text = try self.string()
        guard let action = PolicyAction(parsing: text) else {
            throw self.error("'\(text)' is not one of: \(PolicyAction.forms)")
        }
        return action
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) throws(ConfigurationError) -> Choice
    where Choice.RawValue == String {
        let text = try self.string()
        guard let value = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw self.error("'\(text)' is not one of: \(allowed)")
        }
        return value
    }
}
