import Milter

/// A session driven by the message itself, for the protocol tests only (`run --test-mode`, hidden
/// and off by default): headers of the message choose the verdict and the edits, so that every
/// verdict and edit can be exercised through the real libmilter with `miltertest`.
///
/// - `X-Test-Verdict: accept|continue|reject|tempfail|discard|multiline-reject|custom-tempfail`:
///   the verdict at end of message.
/// - `X-Test-Verdict-Now: reject|tempfail|...`: the same, returned at once at the header stage.
/// - `X-Test-Edit: add-header NAME VALUE | insert-header INDEX NAME VALUE |
///   change-header NAME INDEX VALUE | delete-header NAME INDEX | add-rcpt ADDR | del-rcpt ADDR |
///   quarantine REASON`: one edit per header, applied in order at end of message.
/// - `X-Test-Fail: yes`: end of message throws, which must end in the error verdict.
/// - A sender containing `defer-reject`: reject at MAIL, a stage negotiated without a reply, so the
///   binding must hold the verdict and give it at the next stage that replies.
///
/// It also stamps every message with `X-OptOut-Milter: <version> (queue-id <i>)`, so that the
/// protocol tests can tell each message's edits apart.
struct TestModeSession: MilterSession {
    struct Failure: Error {}

    /// The stamp header added to every message.
    static let headerName = "X-OptOut-Milter"

    let version: String
    var verdict: MilterVerdict = .accept
    var edits: [MilterEdit] = []
    var fail = false

    var requirements: MilterRequirements {
        MilterRequirements(actions: .all, stages: [.mailFrom, .header], replyingStages: [.header])
    }

    mutating func mailFrom(_ sender: String, parameters: [String], macros: MilterMacros) throws -> MilterVerdict {
        sender.contains("defer-reject") ? .reject : .continue
    }

    mutating func header(name: String, value bytes: UnsafeRawBufferPointer) throws -> MilterVerdict {
        let value = String(decoding: bytes, as: UTF8.self)
        switch name.lowercased() {
        case "x-test-verdict":
            self.verdict = Self.verdict(named: value) ?? .accept
        case "x-test-verdict-now":
            return Self.verdict(named: value) ?? .continue
        case "x-test-edit":
            if let edit = Self.edit(value) {
                self.edits.append(edit)
            }
        case "x-test-fail":
            self.fail = value == "yes"
        default:
            break
        }
        return .continue
    }

    mutating func endOfMessage(macros: MilterMacros) throws -> MilterMessageResult {
        defer { self.abort() }
        if self.fail {
            throw Failure()
        }
        let stamp = MilterEdit.addHeader(
            name: Self.headerName,
            value: Self.headerValue(version: self.version, queueID: macros["i"])
        )
        return MilterMessageResult(verdict: self.verdict, edits: [stamp] + self.edits)
    }

    mutating func abort() {
        self.verdict = .accept
        self.edits = []
        self.fail = false
    }

    /// `0.1.0 (queue-id 4XyZ1K2abc)`, or just the version when the MTA sent no queue id.
    static func headerValue(version: String, queueID: String?) -> String {
        guard let queueID, !queueID.isEmpty else {
            return version
        }
        return "\(version) (queue-id \(queueID))"
    }

    static func verdict(named name: String) -> MilterVerdict? {
        switch name.trimmingSpaces {
        case "accept": return .accept
        case "continue": return .continue
        case "reject": return .reject
        case "tempfail": return .tempfail
        case "discard": return .discard
        case "custom-tempfail":
            return .tempfail(MilterReply(code: "451", extendedCode: "4.7.1", text: "test says try again"))
        case "multiline-reject":
            return .reject(
                MilterReply(code: "550", extendedCode: "5.7.1", lines: ["first line", "second line", "third line"])
            )
        default: return nil
        }
    }

    static func edit(_ text: String) -> MilterEdit? {
        let words = text.trimmingSpaces.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first else {
            return nil
        }
        let rest = Array(words.dropFirst())
        switch (verb, rest.count) {
        case ("add-header", 2...):
            return .addHeader(name: rest[0], value: rest[1...].joined(separator: " "))
        case ("insert-header", 3...):
            return Int(rest[0]).map {
                .insertHeader(index: $0, name: rest[1], value: rest[2...].joined(separator: " "))
            }
        case ("change-header", 3...):
            return Int(rest[1]).map {
                .changeHeader(name: rest[0], index: $0, value: rest[2...].joined(separator: " "))
            }
        case ("delete-header", 2):
            return Int(rest[1]).map { .changeHeader(name: rest[0], index: $0, value: nil) }
        case ("add-rcpt", 1):
            return .addRecipient(rest[0])
        case ("del-rcpt", 1):
            return .deleteRecipient(rest[0])
        case ("quarantine", 1...):
            return .quarantine(reason: rest.joined(separator: " "))
        default:
            return nil
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
