/*
 * noop-milter: the smallest useful libmilter milter, the yardstick optout-milter is measured
 * against. It accepts every message and changes nothing. It registers no callback but eom,
 * like most simple C milters, so over TCP it shows stock libmilter's delayed-ACK stalls.
 *
 *   noop-milter -p unix:/abs/path.sock | -p inet:PORT@127.0.0.1  [-a]
 *
 * -a adds "X-OptOut-Milter: noop" at end of message (lets the e2e harness check itself
 * without the real milter). SIGTERM stops it (libmilter's own signal handling); exit 0.
 *
 * Build: cc -O2 -o noop-milter noop-milter.c -lmilter
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static struct smfiDesc noop_desc = {
    .xxfi_name = "noop-milter",
    .xxfi_version = SMFI_VERSION,
    .xxfi_flags = SMFIF_ADDHDRS,
    .xxfi_eom = noop_eom,
};

int main(int argc, char **argv) {
    const char *spec = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "p:a")) != -1) {
        switch (opt) {
        case 'p': spec = optarg; break;
        case 'a': add_header = true; break;
        default: spec = NULL; optind = argc; break;
        }
    }
    if (spec == NULL) {
        fprintf(stderr, "usage: %s -p unix:/path|inet:PORT@HOST [-a]\n", argv[0]);
        return 64;
    }
    /* The socket must be writable by the MTA's user (postfix), not only by root. */
    umask(0);
    if (smfi_setconn((char *)spec) != MI_SUCCESS || smfi_register(noop_desc) != MI_SUCCESS ||
        smfi_opensocket(true) != MI_SUCCESS) {
        fprintf(stderr, "noop-milter: cannot listen on %s\n", spec);
        return 69;
    }
    return smfi_main() == MI_SUCCESS ? 0 : 1;
}
