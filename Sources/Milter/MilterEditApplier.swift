import CMilter

/// Turns edits and replies into libmilter calls (end of message only).
enum MilterEditApplier {
    /// Applies one edit; false when libmilter refused it.
    static func apply(_ edit: MilterEdit, context: OpaquePointer) -> Bool {
        let status: Int32
        switch edit {
        case .addHeader(let name, let value):
            status = CMilter_addheader(context, name, value)
        case .insertHeader(let index, let name, let value):
            status = CMilter_insheader(context, Int32(clamping: index), name, value)
        case .changeHeader(let name, let index, let value):
            if let value {
                status = CMilter_chgheader(context, name, Int32(clamping: index), value)
            } else {
                status = CMilter_chgheader(context, name, Int32(clamping: index), nil)
            }
        case .addRecipient(let recipient):
            status = CMilter_addrcpt(context, recipient)
        case .deleteRecipient(let recipient):
            status = CMilter_delrcpt(context, recipient)
        case .quarantine(let reason):
            status = CMilter_quarantine(context, reason)
        }
        return status == MI_SUCCESS
    }
}
