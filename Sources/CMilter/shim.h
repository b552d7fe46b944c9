#ifndef CMILTER_SHIM_H
#define CMILTER_SHIM_H
// Include <stdbool.h> first: without SM_CONF_STDBOOL_H, mfapi.h otherwise does `typedef int bool`.
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <libmilter/mfapi.h>

// libmilter takes `char *` for strings it only reads. These shims do the cast once, here, so that
// Swift can pass a `String` directly (it bridges to `const char *`, never to `char *`).

static inline int CMilter_setconn(const char *conn) {
    return smfi_setconn((char *)conn);
}

static inline char *CMilter_getsymval(SMFICTX *ctx, const char *name) {
    return smfi_getsymval(ctx, (char *)name);
}

static inline int CMilter_setreply(SMFICTX *ctx, const char *rcode, const char *xcode, const char *message) {
    return smfi_setreply(ctx, (char *)rcode, (char *)xcode, (char *)message);
}

/// The most lines `smfi_setmlreply` accepts.
#define CMILTER_MAX_REPLY_LINES 32

// smfi_setmlreply is variadic, which Swift cannot call. This fixed-arity form takes up to
// CMILTER_MAX_REPLY_LINES lines from an array and always passes all 32 slots followed by the
// terminating NULL: libmilter stops reading at the first NULL, so unused slots are harmless.
static inline int CMilter_setmlreply(SMFICTX *ctx, const char *rcode, const char *xcode,
                                     const char *const *lines, int count) {
    const char *l[CMILTER_MAX_REPLY_LINES + 1] = {0};
    if (count < 1 || count > CMILTER_MAX_REPLY_LINES) {
        return MI_FAILURE;
    }
    for (int i = 0; i < count; i++) {
        if (lines[i] == NULL) {
            return MI_FAILURE;
        }
        l[i] = lines[i];
    }
    return smfi_setmlreply(ctx, rcode, xcode, l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10],
                           l[11], l[12], l[13], l[14], l[15], l[16], l[17], l[18], l[19], l[20], l[21], l[22],
                           l[23], l[24], l[25], l[26], l[27], l[28], l[29], l[30], l[31], (char *)0);
}

static inline int CMilter_addheader(SMFICTX *ctx, const char *name, const char *value) {
    return smfi_addheader(ctx, (char *)name, (char *)value);
}

static inline int CMilter_insheader(SMFICTX *ctx, int index, const char *name, const char *value) {
    return smfi_insheader(ctx, index, (char *)name, (char *)value);
}

/// A NULL value deletes the header.
static inline int CMilter_chgheader(SMFICTX *ctx, const char *name, int index, const char *value) {
    return smfi_chgheader(ctx, (char *)name, index, (char *)value);
}

static inline int CMilter_addrcpt(SMFICTX *ctx, const char *rcpt) {
    return smfi_addrcpt(ctx, (char *)rcpt);
}

static inline int CMilter_delrcpt(SMFICTX *ctx, const char *rcpt) {
    return smfi_delrcpt(ctx, (char *)rcpt);
}

static inline int CMilter_quarantine(SMFICTX *ctx, const char *reason) {
    return smfi_quarantine(ctx, (char *)reason);
}

#endif
