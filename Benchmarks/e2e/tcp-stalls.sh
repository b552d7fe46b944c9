#!/usr/bin/env bash
# Shows libmilter's delayed-ACK stalls over TCP, and that optout-milter avoids them.
#
#   Benchmarks/e2e/tcp-stalls.sh PATH/TO/optout-milter      (as root; needs strace)
#
# For each milter on TCP 127.0.0.1 (the C no-op; the C no-op adding a header, stock and with
# optout-milter's countermeasures; optout-milter) it
# sends 30 messages over ONE SMTP session through a private Postfix, so every wait adds to the
# latency, and runs the milter under strace to count its blocking calls that waited 30-60 ms:
# the ~40 ms delayed-ACK timer. A stall-free milter needs a few ms per message.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
for lib in common sink postfix milter; do
    source "$HERE/../../Tests/e2e/lib/$lib.sh"
done
source "$HERE/optout-config.sh"
[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: $0 PATH/TO/optout-milter" >&2; exit 64; }
command -v strace >/dev/null || die "strace not found: apt-get install -y strace"
OPTOUT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")

make_run_dir optout-stalls
cc -O2 -o "$RUN/noop-milter" "$HERE/noop-milter.c" -lmilter || die "cannot build noop-milter.c"
# The full policy, with its store (one opt-out) and audit file in the run directory.
"$OPTOUT" suppress add --store "sqlite:$RUN/suppressions.db" 3b@example.com >"$RUN/store.log" 2>&1 ||
    die "cannot create the suppression store: $(tail -3 "$RUN/store.log")"
bench_optout_config "$RUN/optout-milter.yaml" "sqlite:$RUN/suppressions.db" "$RUN/audit.jsonl"
sink_start "$RUN" nodump

# probe NAME LABEL COMMAND...: COMMAND is the milter, completed with its socket spec.
probe() {
    local name=$1 label=$2 spec t0 ms stalls; shift 2
    mkdir -p "$RUN/$name"
    spec=$(milter_spec "$RUN/$name" tcp)
    milter_launch "$RUN/$name" "$spec" strace -f -T -o "$RUN/$name.strace" \
        -e trace=poll,ppoll,epoll_wait,select,pselect6,read,recvfrom,recvmsg "$@" "$spec"
    # Stopping strace only detaches it: stop the traced milter itself too.
    on_exit "stop_pid $(pgrep -P "$MILTER_PID" | head -1) 15"
    pf_start "$RUN/$name" "$spec"
    smtp-source -s 1 -m 5 -l 4096 -f a@example.org -t b@example.com "127.0.0.1:$PF_PORT"  # warm-up
    t0=${EPOCHREALTIME/./}
    smtp-source -s 1 -m 30 -l 4096 -f a@example.org -t b@example.com "127.0.0.1:$PF_PORT"
    ms=$(elapsed_ms "$t0")
    stalls=$(grep -cE '<0\.0[3-5][0-9]*>$' "$RUN/$name.strace" || true)
    printf '%-36s %6d ms for 30 messages (%3d ms/msg); milter calls blocked 30-60 ms: %d\n' \
        "$label" "$ms" $((ms / 30)) "$stalls"
}

probe noop "C no-op, TCP" "$RUN/noop-milter" -p
probe hdr "C no-op + header, TCP" "$RUN/noop-milter" -a -p
probe tuned "C no-op + header, TCP, tuned (-t)" "$RUN/noop-milter" -a -t -p
probe optout "optout-milter, TCP" "$OPTOUT" run --config "$RUN/optout-milter.yaml" --socket
