/// The per-connection filter logic: one value per SMTP connection, fed the connection's events in
/// order and answering each with a verdict.
///
/// libmilter calls one connection's callbacks one at a time but on different threads; the binding
/// keeps the session behind a lock, so its methods are `mutating` and need no synchronisation of
/// their own. They run on libmilter's worker threads and must stay synchronous and bounded: never
/// wait on the network here. An error thrown by any method ends the message in the server's error
/// verdict (tempfail by default); it never reaches libmilter.
///
/// Sessions are `Sendable` values (typically a struct holding an immutable snapshot plus per-message
/// state): successive callbacks run on different threads.
///
/// Every method has a default that continues, so a session implements only what it reads.
public protocol MilterSession: Sendable {
    /// What this session needs from the MTA; read once, when the connection negotiates.
    var requirements: MilterRequirements { get }

    /// The SMTP client connected (`.connect`).
    mutating func connect(client: MilterClient, macros: MilterMacros) throws -> MilterVerdict
    /// HELO/EHLO (`.helo`).
    mutating func helo(_ name: String, macros: MilterMacros) throws -> MilterVerdict
    /// MAIL FROM, with its ESMTP parameters (`.mailFrom`).
    mutating func mailFrom(_ sender: String, parameters: [String], macros: MilterMacros) throws -> MilterVerdict
    /// RCPT TO, with its ESMTP parameters (`.recipient`). A reject here refuses only this recipient.
    mutating func recipient(
        _ recipient: String,
        parameters: [String],
        macros: MilterMacros
    ) throws
        -> MilterVerdict
    /// DATA (`.data`).
    mutating func data(macros: MilterMacros) throws -> MilterVerdict
    /// A command the MTA did not recognise (`.unknown`).
    mutating func unknown(_ command: String, macros: MilterMacros) throws -> MilterVerdict
    /// One header as the MTA sends it (`.header`): the value's bytes exactly as received (folding
    /// kept, 8-bit bytes untouched), valid only during the call.
    mutating func header(name: String, value: UnsafeRawBufferPointer) throws -> MilterVerdict
    /// End of headers (`.endOfHeaders`).
    mutating func endOfHeaders(macros: MilterMacros) throws -> MilterVerdict
    /// One chunk of the body (`.body`). The bytes are valid only during the call.
    mutating func body(_ chunk: UnsafeRawBufferPointer) throws -> MilterVerdict
    /// End of message: the verdict, and the edits to apply (always delivered).
    mutating func endOfMessage(macros: MilterMacros) throws -> MilterMessageResult
    /// The current message was aborted; reset per-message state (always delivered).
    mutating func abort()
    /// The connection closed (always delivered when the session exists).
    mutating func close()
}

extension MilterSession {
    public mutating func connect(client: MilterClient, macros: MilterMacros) throws -> MilterVerdict { .continue }
    public mutating func helo(_ name: String, macros: MilterMacros) throws -> MilterVerdict { .continue }
    public mutating func mailFrom(
        _ sender: String,
        parameters: [String],
        macros: MilterMacros
    ) throws
        -> MilterVerdict
    { .continue }
    public mutating func recipient(
        _ recipient: String,
        parameters: [String],
        macros: MilterMacros
    ) throws
        -> MilterVerdict
    { .continue }
    public mutating func data(macros: MilterMacros) throws -> MilterVerdict { .continue }
    public mutating func unknown(_ command: String, macros: MilterMacros) throws -> MilterVerdict { .continue }
    public mutating func header(name: String, value: UnsafeRawBufferPointer) throws -> MilterVerdict { .continue }
    public mutating func endOfHeaders(macros: MilterMacros) throws -> MilterVerdict { .continue }
    public mutating func body(_ chunk: UnsafeRawBufferPointer) throws -> MilterVerdict { .continue }
    public mutating func endOfMessage(macros: MilterMacros) throws -> MilterMessageResult { MilterMessageResult() }
    public mutating func abort() {}
    public mutating func close() {}
}
