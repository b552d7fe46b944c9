import CMilter

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Builds the `smfiDesc` registered with libmilter: every callback, all actions this binding can
/// apply (each connection then negotiates only what its session needs).
enum MilterDescriptor {
    static func make(name: String) -> smfiDesc {
        var descriptor = smfiDesc()
        // libmilter keeps the pointer for the life of the process: a copy that is never freed.
        descriptor.xxfi_name = strdup(name)
        descriptor.xxfi_version = SMFI_VERSION
        descriptor.xxfi_flags = MilterActions.all.rawValue
        descriptor.xxfi_connect = { context, hostname, address in
            MilterCallbacks.stage(context, .connect) { session, macros in
                try session.connect(
                    client: MilterCallbacks.client(hostname: hostname, address: address),
                    macros: macros
                )
            }
        }
        descriptor.xxfi_helo = { context, name in
            MilterCallbacks.stage(context, .helo) { session, macros in
                try session.helo(name.map { String(cString: $0) } ?? "", macros: macros)
            }
        }
        descriptor.xxfi_envfrom = { context, argv in
            MilterCallbacks.stage(context, .mailFrom) { session, macros in
                var arguments = MilterCallbacks.arguments(argv)
                let sender = arguments.isEmpty ? "" : arguments.removeFirst()
                return try session.mailFrom(sender, parameters: arguments, macros: macros)
            }
        }
        descriptor.xxfi_envrcpt = { context, argv in
            MilterCallbacks.stage(context, .recipient) { session, macros in
                var arguments = MilterCallbacks.arguments(argv)
                let recipient = arguments.isEmpty ? "" : arguments.removeFirst()
                return try session.recipient(recipient, parameters: arguments, macros: macros)
            }
        }
        descriptor.xxfi_header = { context, name, value in
            MilterCallbacks.stage(context, .header) { session, _ in
                // The value is handed over as the bytes the MTA sent: String(cString:) would replace
                // 8-bit bytes that are not UTF-8 (a raw Latin-1 subject) before the scanner decodes them.
                let bytes = value.map { UnsafeRawBufferPointer(start: $0, count: strlen($0)) }
                return try session.header(
                    name: name.map { String(cString: $0) } ?? "",
                    value: bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)
                )
            }
        }
        descriptor.xxfi_eoh = { context in
            MilterCallbacks.stage(context, .endOfHeaders) { session, macros in
                try session.endOfHeaders(macros: macros)
            }
        }
        descriptor.xxfi_body = { context, bytes, length in
            MilterCallbacks.stage(context, .body) { session, _ in
                try session.body(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : length))
            }
        }
        descriptor.xxfi_eom = { context in MilterCallbacks.endOfMessage(context) }
        descriptor.xxfi_abort = { context in MilterCallbacks.abort(context) }
        descriptor.xxfi_close = { context in MilterCallbacks.close(context) }
        descriptor.xxfi_unknown = { context, command in
            MilterCallbacks.stage(context, .unknown) { session, macros in
                try session.unknown(command.map { String(cString: $0) } ?? "", macros: macros)
            }
        }
        // Registered even when the session ignores DATA: without it, libmilter leaves the DATA packet
        // unanswered and, over TCP, the MTA's next write waits for a delayed ACK (about 40 ms).
        descriptor.xxfi_data = { context in
            MilterCallbacks.stage(context, .data) { session, macros in
                try session.data(macros: macros)
            }
        }
        descriptor.xxfi_negotiate = { context, f0, f1, _, _, pf0, pf1, pf2, pf3 in
            MilterCallbacks.negotiate(context, f0, f1, pf0, pf1, pf2, pf3)
        }
        return descriptor
    }
}
