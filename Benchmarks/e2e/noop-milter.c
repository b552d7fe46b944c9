/*
 * noop-milter: the smallest useful libmilter milter, the yardstick optout-milter is measured
 * against. It accepts every message and changes nothing. It registers no callback but eom,
 * like most simple C milters, so over TCP it shows stock libmilter's delayed-ACK stalls.
 *
 *   noop-milter -p unix:/abs/path.sock | -p inet:PORT@127.0.0.1  [-a] [-t] [-m] [-f]
 *
 * -a adds "X-OptOut-Milter: noop" at end of message (lets the e2e harness check itself
 *    without the real milter).
 * -t applies the two TCP countermeasures optout-milter uses (TCP_NODELAY on the listening
 *    socket, which accepted sockets inherit on Linux, and a data callback), to show what
 *    libmilter over TCP can reach at best.
 * -m also registers a MAIL FROM callback that the MTA waits for (as optout-milter does),
 *    to measure what that round trip costs.
 * -f receives every stage optout-milter receives (connect, MAIL, each RCPT, each header, end of
 *    headers, the body) and negotiates as it does on either socket kind: no reply but at MAIL.
 *    It still does nothing: it measures what libmilter and the kernel cost a milter that reads
 *    the whole message, apart from any work on it.
 * SIGTERM stops it (libmilter's own signal handling); exit 0.
 *
 * Build: cc -O2 -o noop-milter noop-milter.c -lmilter
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libmilter/mfapi.h>

static bool add_header;

static sfsistat noop_eom(SMFICTX *ctx) {
    if (add_header && smfi_addheader(ctx, "X-OptOut-Milter", "noop") != MI_SUCCESS) {
        return SMFIS_TEMPFAIL;
    }
    return SMFIS_ACCEPT;
}

/* Replying at DATA keeps the MTA from sending the DATA-stage macros unanswered. */
static sfsistat noop_data(SMFICTX *ctx) {
    (void)ctx;
    return SMFIS_CONTINUE;
}

static sfsistat noop_envfrom(SMFICTX *ctx, char **argv) {
    (void)ctx;
    (void)argv;
    return SMFIS_CONTINUE;
}

/* -f: every stage optout-milter uses, each answered "no reply" when that was negotiated. */
static unsigned long full_pflags;

static sfsistat full_reply(unsigned long nr_flag) {
    return (full_pflags & nr_flag) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}
static sfsistat full_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *addr) {
    (void)ctx; (void)host; (void)addr;
    return full_reply(SMFIP_NR_CONN);
}
static sfsistat full_envrcpt(SMFICTX *ctx, char **argv) {
    (void)ctx; (void)argv;
    return full_reply(SMFIP_NR_RCPT);
}
static sfsistat full_header(SMFICTX *ctx, char *name, char *value) {
    (void)ctx; (void)name; (void)value;
    return full_reply(SMFIP_NR_HDR);
}
static sfsistat full_eoh(SMFICTX *ctx) {
    (void)ctx;
    return full_reply(SMFIP_NR_EOH);
}
static sfsistat full_body(SMFICTX *ctx, unsigned char *chunk, size_t len) {
    (void)ctx; (void)chunk; (void)len;
    return full_reply(SMFIP_NR_BODY);
}
/* As optout-milter negotiates, on a unix socket and on TCP alike: skip what it does not use, no
 * reply except at MAIL. Every connection negotiates alike, so one global copy of the outcome is
 * enough for this benchmark tool. */
static sfsistat full_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1, unsigned long f2,
                               unsigned long f3, unsigned long *pf0, unsigned long *pf1,
                               unsigned long *pf2, unsigned long *pf3) {
    (void)ctx; (void)f2; (void)f3;
    unsigned long want = SMFIP_NOHELO | SMFIP_NOUNKNOWN | SMFIP_NODATA | SMFIP_NR_CONN |
                         SMFIP_NR_RCPT | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY;
    *pf0 = f0 & SMFIF_ADDHDRS;
    *pf1 = f1 & want;
    *pf2 = 0;
    *pf3 = 0;
    full_pflags = *pf1;
    return SMFIS_CONTINUE;
}

/* libmilter gives no handle to its listening socket: find it among our descriptors. */
static void set_nodelay_on_listener(void) {
    for (int fd = 0; fd < 1024; fd++) {
        int listening = 0, one = 1;
        socklen_t len = sizeof listening;
        struct sockaddr_storage addr;
        socklen_t alen = sizeof addr;
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening &&
            getsockname(fd, (struct sockaddr *)&addr, &alen) == 0 &&
            (addr.ss_family == AF_INET || addr.ss_family == AF_INET6)) {
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        }
    }
}

static struct smfiDesc noop_desc = {
    .xxfi_name = "noop-milter",
    .xxfi_version = SMFI_VERSION,
    .xxfi_flags = SMFIF_ADDHDRS,
    .xxfi_eom = noop_eom,
};

int main(int argc, char **argv) {
    const char *spec = NULL;
    bool tcp_tuned = false, mail_stage = false, full = false;
    int opt;
    while ((opt = getopt(argc, argv, "p:atmf")) != -1) {
        switch (opt) {
        case 'p': spec = optarg; break;
        case 'a': add_header = true; break;
        case 't': tcp_tuned = true; break;
        case 'm': mail_stage = true; break;
        case 'f': full = true; break;
        default: spec = NULL; optind = argc; break;
        }
    }
    if (spec == NULL) {
        fprintf(stderr, "usage: %s -p unix:/path|inet:PORT@HOST [-a] [-t] [-m] [-f]\n", argv[0]);
        return 64;
    }
    /* The socket must be writable by the MTA's user (postfix), not only by root. */
    umask(0);
    if (tcp_tuned) {
        noop_desc.xxfi_data = noop_data;
    }
    if (mail_stage || full) {
        noop_desc.xxfi_envfrom = noop_envfrom;
    }
    if (full) {
        noop_desc.xxfi_connect = full_connect;
        noop_desc.xxfi_envrcpt = full_envrcpt;
        noop_desc.xxfi_header = full_header;
        noop_desc.xxfi_eoh = full_eoh;
        noop_desc.xxfi_body = full_body;
        noop_desc.xxfi_negotiate = full_negotiate;
    }
    if (smfi_setconn((char *)spec) != MI_SUCCESS || smfi_register(noop_desc) != MI_SUCCESS ||
        smfi_opensocket(true) != MI_SUCCESS) {
        fprintf(stderr, "noop-milter: cannot listen on %s\n", spec);
        return 69;
    }
    if (tcp_tuned) {
        set_nodelay_on_listener();
    }
    return smfi_main() == MI_SUCCESS ? 0 : 1;
}
