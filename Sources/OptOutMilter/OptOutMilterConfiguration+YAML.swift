import Logging
import Milter
import Yams

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension OptOutMilterConfiguration {
    /// Every key the file may contain. Anything else is an error, so that a typo never silently
    /// leaves a default in force.
    static let keys: Set<String> = [
        "socket", "socket_owner", "socket_group", "socket_mode", "listen_backlog", "on_internal_error",
        "drain_timeout", "log_level",
    ]

    /// Reads and validates a configuration file.
    public static func load(path: String) throws(ConfigurationError) -> Self {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            throw ConfigurationError(file: path, line: nil, message: "cannot read the file: \(error)")
        }
        return try Self.parse(yaml: text, file: path)
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
        guard let root else {
            return configuration  // an empty file means every default
        }
        guard let mapping = root.mapping else {
            throw ConfigurationError(file: file, line: root.mark?.line, message: "expected a mapping of keys to values")
        }
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line
            guard let key = keyNode.string, Self.keys.contains(key) else {
                let known = Self.keys.sorted().joined(separator: ", ")
                throw ConfigurationError(
                    file: file,
                    line: line,
                    message: "unknown key '\(keyNode.string ?? "?")' (known keys: \(known))"
                )
            }
            let reader = ValueReader(key: key, node: valueNode, file: file)
            switch key {
            case "socket":
                let text = try reader.string()
                do {
                    configuration.socket = try MilterSocket(parsing: text)
                } catch {
                    throw reader.error(error.description)
                }
            case "socket_owner": configuration.socketOwner = try reader.string()
            case "socket_group": configuration.socketGroup = try reader.string()
            case "socket_mode": configuration.socketMode = try reader.octalMode()
            case "listen_backlog": configuration.listenBacklog = Int32(try reader.integer(in: 1...65_535))
            case "on_internal_error": configuration.onInternalError = try reader.choice(ErrorAction.self)
            case "drain_timeout": configuration.drainTimeoutSeconds = try reader.seconds(in: 0...3600)
            case "log_level": configuration.logLevel = try reader.choice(Logger.Level.self)
            default: break
            }
        }
        return configuration
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

    func string() throws(ConfigurationError) -> String {
        guard let scalar = self.node.scalar, !scalar.string.isEmpty else {
            throw self.error("expected a non-empty string")
        }
        return scalar.string
    }

    func integer(in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = Int(try self.string()), range.contains(value) else {
            throw self.error("expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func seconds(in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        guard let value = Double(try self.string()), range.contains(value) else {
            throw self.error("expected a number of seconds from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A mode written in octal, e.g. `0660` or `"660"`.
    func octalMode() throws(ConfigurationError) -> UInt32 {
        guard let mode = UInt32(try self.string(), radix: 8), mode <= 0o777 else {
            throw self.error("expected an octal mode such as 0660")
        }
        return mode
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
