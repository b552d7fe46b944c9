import CMilter

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Sets a custom SMTP reply, one line through `smfi_setreply`, several through `smfi_setmlreply`.
enum MilterReplySetter {
    static func set(_ reply: MilterReply, context: OpaquePointer) -> Bool {
        let lines = reply.sanitizedLines
        if lines.count == 1 {
            return CMilter_setreply(context, reply.code, reply.extendedCode, lines[0]) == MI_SUCCESS
        }
        let pointers = lines.map { strdup($0) }
        defer {
            for pointer in pointers {
                free(pointer)
            }
        }
        let constPointers = pointers.map { UnsafePointer($0) }
        return constPointers.withUnsafeBufferPointer { buffer in
            CMilter_setmlreply(context, reply.code, reply.extendedCode, buffer.baseAddress, Int32(buffer.count))
                == MI_SUCCESS
        }
    }
}
