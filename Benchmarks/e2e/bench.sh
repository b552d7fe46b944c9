#!/usr/bin/env bash
# End-to-end throughput: smtp-source -> private Postfix -> smtp-sink, in msg/s, with:
#   none         no milter
#   noop-unix    the C no-op libmilter milter (noop-milter.c) on a unix socket
#   hdr-unix     the C no-op adding one header at end of message (as optout-milter's `run`
#                does today): the same work for Postfix, so the milters compare like for like
#   optout-unix  optout-milter on a unix socket
#   optout-tcp   optout-milter on TCP 127.0.0.1
#   noop-tcp     the C no-op on TCP: stock libmilter's delayed-ACK stalls, for reference
#   tuned-tcp    the C no-op adding a header on TCP with optout-milter's two countermeasures
#                (noop-milter -t): the best libmilter over TCP does, for reference
#
#   Benchmarks/e2e/bench.sh PATH/TO/optout-milter      (as root; `make bench-e2e`)
#
# All seven Postfix instances and milters run side by side for the whole run; the
# configurations are measured in interleaved rounds (the order rotates each round) so that
# machine drift hits them alike. One measurement = BENCH_MESSAGES messages of 4 KiB over 20
# sessions, timed from the first connection until the last message has left Postfix's queue
# for the sink. Prints each configuration's median msg/s and the ratios the project targets.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
for lib in common sink postfix milter; do
    source "$HERE/../../Tests/e2e/lib/$lib.sh"
done

ROUNDS=${BENCH_ROUNDS:-5}
MESSAGES=${BENCH_MESSAGES:-1200}
SESSIONS=${BENCH_SESSIONS:-20}
SIZE=${BENCH_SIZE:-4096}
# BENCH_CONFIGS="a b ..." measures a subset or adds tunedmail-tcp (tuned-tcp that also answers
# MAIL FROM, as optout-milter does on TCP).
read -r -a CONFIGS <<<"${BENCH_CONFIGS:-none noop-unix hdr-unix optout-unix optout-tcp noop-tcp tuned-tcp}"

[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: $0 PATH/TO/optout-milter" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || die "run as root (private Postfix instances need it)"
OPTOUT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")

# Everything started from here on (Postfix, milters, sink, load) inherits a raised priority,
# so that other work on the machine (builds) disturbs the measurement less. BENCH_NICE=0: off.
renice -n "${BENCH_NICE:--10}" -p $$ >/dev/null

make_run_dir optout-bench
CONFIG_FILE=$RUN/optout-milter.yaml
milter_write_config "$CONFIG_FILE"
cc -O2 -o "$RUN/noop-milter" "$HERE/noop-milter.c" -lmilter || die "cannot build noop-milter.c"
sink_start "$RUN" nodump

declare -A PORT ETC MPID
for c in "${CONFIGS[@]}"; do
    dir=$RUN/$c
    mkdir -p "$dir"
    spec=""
    case $c in
        *-unix) spec=$(milter_spec "$dir" unix) ;;
        *-tcp) spec=$(milter_spec "$dir" tcp) ;;
    esac
    case $c in
        noop-*) milter_launch "$dir" "$spec" "$RUN/noop-milter" -p "$spec" ;;
        hdr-*) milter_launch "$dir" "$spec" "$RUN/noop-milter" -a -p "$spec" ;;
        tuned-*) milter_launch "$dir" "$spec" "$RUN/noop-milter" -a -t -p "$spec" ;;
        tunedmail-*) milter_launch "$dir" "$spec" "$RUN/noop-milter" -a -t -m -p "$spec" ;;
        optout-*)
            milter_launch "$dir" "$spec" "$OPTOUT" run --config "$CONFIG_FILE" --socket "$spec" ;;
    esac
    MPID[$c]=${spec:+$MILTER_PID}
    pf_start "$dir" "$spec" || die "cannot start Postfix for $c"
    PORT[$c]=$PF_PORT ETC[$c]=$PF_ETC
done

# cpu_ticks PID: user+system clock ticks used so far by PID (0 for none).
cpu_ticks() { [ -n "$1" ] && awk '{ print $14 + $15 }' "/proc/$1/stat" || echo 0; }

# chain_ticks CONFIG: clock ticks used so far by the whole Postfix instance (its master, the
# live children, and the children that exited: the master reaps them, so they are in its
# cutime/cstime) plus the milter. Unlike msg/s, CPU per message barely moves when other
# processes load the machine.
chain_ticks() {
    local master
    master=$(head -1 "$(dirname "${ETC[$1]}")/spool/pid/master.pid" | tr -d ' ')
    {
        awk '{ print $14 + $15 + $16 + $17 }' "/proc/$master/stat"
        for child in $(ps -o pid= --ppid "$master"); do cpu_ticks "$child"; done
        cpu_ticks "${MPID[$1]}"
    } 2>/dev/null | awk '{ t += $1 } END { print t + 0 }'
}
queue_drained() { [ "$(PF_ETC=$1 pf_queue_files)" -eq 0 ]; }

# measure CONFIG COUNT: prints "msg/s milter-CPU-µs/msg chain-CPU-µs/msg" for one run of COUNT
# messages (chain = Postfix instance + milter).
measure() {
    local c=$1 n=$2 t0 ms ticks0 ticks1 chain0 chain1
    ticks0=$(cpu_ticks "${MPID[$c]}") chain0=$(chain_ticks "$c")
    t0=${EPOCHREALTIME/./}
    timeout 300 smtp-source -s "$SESSIONS" -m "$n" -l "$SIZE" -f a@example.org -t b@example.com \
        "127.0.0.1:${PORT[$c]}" >"$RUN/$c/source.log" 2>&1 || die "smtp-source failed for $c: $(tail -3 "$RUN/$c/source.log")"
    wait_until 120 "$c queue to drain" queue_drained "${ETC[$c]}" || die "$c: queue did not drain"
    ms=$(elapsed_ms "$t0")
    ticks1=$(cpu_ticks "${MPID[$c]}") chain1=$(chain_ticks "$c")
    awk -v n="$n" -v ms="$ms" -v t=$((ticks1 - ticks0)) -v ct=$((chain1 - chain0)) -v hz="$(getconf CLK_TCK)" \
        'BEGIN { printf "%.1f %.0f %.0f\n", n * 1000 / ms, t * 1e6 / hz / n, ct * 1e6 / hz / n }'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "warm-up: 200 messages per configuration"
for c in "${CONFIGS[@]}"; do measure "$c" 200 >/dev/null; done

declare -A RATES CPUS CHAINS
for ((r = 0; r < ROUNDS; r++)); do
    order=("${CONFIGS[@]:r % ${#CONFIGS[@]}}" "${CONFIGS[@]:0:r % ${#CONFIGS[@]}}")
    line="round $((r + 1))/$ROUNDS:"
    for c in "${order[@]}"; do
        read -r rate cpu chain < <(measure "$c" "$MESSAGES")
        RATES[$c]+="$rate " CPUS[$c]+="$cpu " CHAINS[$c]+="$chain "
        line+=" $c=$rate"
    done
    log "$line"
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A MED
echo
echo "smtp-source -s $SESSIONS -l $SIZE -> Postfix $(postconf -d -h mail_version) -> smtp-sink;" \
    "$ROUNDS interleaved rounds of $MESSAGES messages; $(nproc) CPUs;" \
    "load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-32s %12s %7s %7s %18s %21s\n' configuration "median msg/s" min max "milter CPU µs/msg" "Postfix+milter µs/msg"
for c in "${CONFIGS[@]}"; do
    MED[$c]=$(median <<<"${RATES[$c]}")
    cpu=$([ -n "${MPID[$c]}" ] && median <<<"${CPUS[$c]}" || echo -)
    case $c in
        none) label="no milter" ;;
        noop-unix) label="C no-op libmilter, unix socket" ;;
        hdr-unix) label="C no-op + 1 header, unix socket" ;;
        optout-unix) label="optout-milter, unix socket" ;;
        optout-tcp) label="optout-milter, TCP 127.0.0.1" ;;
        noop-tcp) label="C no-op libmilter, TCP (stock)" ;;
        tuned-tcp) label="C no-op + 1 header, TCP, tuned" ;;
        tunedmail-tcp) label="... + MAIL FROM answered" ;;
    esac
    printf '%-32s %12s %7s %7s %18s %21s\n' "$label" "${MED[$c]}" \
        "$(tr ' ' '\n' <<<"${RATES[$c]}" | grep . | sort -g | head -1)" \
        "$(tr ' ' '\n' <<<"${RATES[$c]}" | grep . | sort -g | tail -1)" "$cpu" "$(median <<<"${CHAINS[$c]}")"
done
# ratio LABEL A B TARGET|NOTE: A's median over B's, against TARGET (a number) or with NOTE;
# nothing when either was not measured (BENCH_CONFIGS).
ratio() {
    [ -n "${MED[$2]:-}" ] && [ -n "${MED[$3]:-}" ] || return 0
    awk -v l="$1" -v a="${MED[$2]}" -v b="${MED[$3]}" -v t="$4" 'BEGIN {
        r = a / b
        if (t ~ /^[0-9.]+$/) printf "%-48s %.3f (target >= %.2f: %s)\n", l, r, t, (r >= t) ? "met" : "NOT MET"
        else printf "%-48s %.3f (%s)\n", l, r, t }'
}
echo
ratio "optout unix / C no-op unix:" optout-unix noop-unix 0.90
ratio "optout TCP / optout unix:" optout-tcp optout-unix 0.90
ratio "optout unix / C no-op+header unix:" optout-unix hdr-unix "like for like, for reference"
ratio "C no-op+header TCP tuned / C no-op+header unix:" tuned-tcp hdr-unix "libmilter TCP at best, for reference"
ratio "... + MAIL FROM answered / C no-op+header unix:" tunedmail-tcp hdr-unix "for reference"
ratio "C no-op TCP / C no-op unix:" noop-tcp noop-unix "stock libmilter, for reference"
