import CMilter
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The C callbacks registered with libmilter. Each finds the connection behind `smfi_getpriv`,
/// counts itself in flight, and always returns a status: nothing Swift throws reaches C.
enum MilterCallbacks {
    /// The connection of a context, created (and retained by libmilter's private pointer) on the
    /// first callback of the connection, normally xxfi_negotiate.
    static func connection(_ context: OpaquePointer) -> MilterConnection? {
        if let raw = smfi_getpriv(context) {
            return Unmanaged<MilterConnection>.fromOpaque(raw).takeUnretainedValue()
        }
        guard let runtime = MilterRuntime.current.withLock({ $0 }) else {
            return nil
        }
        let connection = MilterConnection(runtime: runtime)
        let retained = Unmanaged.passRetained(connection)
        guard smfi_setpriv(context, retained.toOpaque()) == MI_SUCCESS else {
            retained.release()
            runtime.logger.error("smfi_setpriv failed")
            return nil
        }
        return connection
    }

    /// The status when there is no connection to ask (no runtime, smfi_setpriv failed).
    static var fallbackStatus: sfsistat {
        let verdict = MilterRuntime.current.withLock { $0?.errorVerdict } ?? .tempfail
        return verdict.status(noReply: false).status
    }

    static func stage(
        _ context: OpaquePointer?,
        _ stage: MilterStages,
        _ event: (inout any MilterSession, MilterMacros) throws -> MilterVerdict
    ) -> sfsistat {
        guard let context, let connection = Self.connection(context) else {
            return Self.fallbackStatus
        }
        return connection.runtime.countingInFlight {
            connection.handle(context, stage: stage, event: event)
        }
    }

    static func negotiate(
        _ context: OpaquePointer?,
        _ offeredActions: UInt,
        _ offeredOptions: UInt,
        _ requestedActions: UnsafeMutablePointer<UInt>?,
        _ requestedOptions: UnsafeMutablePointer<UInt>?,
        _ reserved2: UnsafeMutablePointer<UInt>?,
        _ reserved3: UnsafeMutablePointer<UInt>?
    ) -> sfsistat {
        guard let context, let connection = Self.connection(context) else {
            return Int32(SMFIS_ALL_OPTS)
        }
        let negotiation = connection.runtime.countingInFlight {
            connection.negotiate(
                offeredActions: MilterActions(rawValue: offeredActions),
                offeredOptions: MilterProtocolOptions(rawValue: offeredOptions)
            )
        }
        if !negotiation.missingActions.isEmpty {
            connection.runtime.logger.warning(
                "the MTA did not offer every action the filter may need",
                metadata: ["milter.missing_actions": "\(negotiation.missingActions.rawValue)"]
            )
        }
        requestedActions?.pointee = negotiation.actions.rawValue
        requestedOptions?.pointee = negotiation.options.rawValue
        reserved2?.pointee = 0
        reserved3?.pointee = 0
        return Int32(SMFIS_CONTINUE)
    }

    static func endOfMessage(_ context: OpaquePointer?) -> sfsistat {
        guard let context, let connection = Self.connection(context) else {
            return Self.fallbackStatus
        }
        return connection.runtime.countingInFlight { connection.endOfMessage(context) }
    }

    static func abort(_ context: OpaquePointer?) -> sfsistat {
        guard let context, let raw = smfi_getpriv(context) else {
            return Int32(SMFIS_CONTINUE)
        }
        let connection = Unmanaged<MilterConnection>.fromOpaque(raw).takeUnretainedValue()
        connection.runtime.countingInFlight { connection.abort() }
        return Int32(SMFIS_CONTINUE)
    }

    /// xxfi_close can arrive without any earlier callback (a probe that connects and leaves), so a
    /// nil private pointer is normal here.
    static func close(_ context: OpaquePointer?) -> sfsistat {
        guard let context, let raw = smfi_getpriv(context) else {
            return Int32(SMFIS_CONTINUE)
        }
        _ = smfi_setpriv(context, nil)
        let connection = Unmanaged<MilterConnection>.fromOpaque(raw).takeRetainedValue()
        connection.runtime.countingInFlight { connection.close() }
        return Int32(SMFIS_CONTINUE)
    }

    /// The strings of a NULL-terminated argv (MAIL/RCPT: the address, then ESMTP parameters).
    static func arguments(_ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String] {
        guard let argv else {
            return []
        }
        var out: [String] = []
        var index = 0
        while let pointer = argv[index] {
            out.append(String(cString: pointer))
            index += 1
        }
        return out
    }

    static func client(hostname: UnsafeMutablePointer<CChar>?, address: UnsafeMutablePointer<sockaddr>?) -> MilterClient
    {
        let name = hostname.map { String(cString: $0) } ?? ""
        guard let address else {
            return MilterClient(hostname: name)
        }
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                var addr = inet.pointee.sin_addr
                return MilterClient(
                    hostname: name,
                    address: Self.text(family: AF_INET, &addr, length: Int(INET_ADDRSTRLEN)),
                    port: Int(UInt16(bigEndian: inet.pointee.sin_port))
                )
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet6 in
                var addr = inet6.pointee.sin6_addr
                return MilterClient(
                    hostname: name,
                    address: Self.text(family: AF_INET6, &addr, length: Int(INET6_ADDRSTRLEN)),
                    port: Int(UInt16(bigEndian: inet6.pointee.sin6_port))
                )
            }
        default:
            return MilterClient(hostname: name)
        }
    }

    private static func text<Address>(family: Int32, _ address: inout Address, length: Int) -> String? {
        var buffer = [CChar](repeating: 0, count: length + 1)
        let converted = withUnsafeBytes(of: &address) { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(length))
        }
        guard converted != nil else {
            return nil
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
