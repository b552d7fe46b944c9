#!/usr/bin/env bash
# End-to-end throughput and milter CPU: smtp-source -> private Postfix -> smtp-sink, with
#   none            no milter
#   noop-unix       the C no-op libmilter milter (noop-milter.c) on a unix socket
#   optout-unix     optout-milter with its full policy, `scan: always`, unix socket, metrics on
#                   (a listener on a loopback port of its own, as deployed by default)
#   optoutws-unix   the same with `scan: when-suppressed`, unix socket
#   noop-tcp        the C no-op on TCP 127.0.0.1 (stock libmilter: delayed-ACK stalls)
#   tuned-tcp       the C no-op adding a header on TCP with optout-milter's two TCP
#                   countermeasures (noop-milter -a -t): the best libmilter does over TCP
#   optout-tcp      optout-milter, full policy, `scan: always`, TCP 127.0.0.1
#   optoutws-tcp    the same with `scan: when-suppressed`, TCP 127.0.0.1
# BENCH_CONFIGS="a b ..." measures a subset, or adds:
#   hdr-unix        the C no-op adding one header, unix socket
#   tunedmail-tcp   tuned-tcp that also answers MAIL FROM
#   full-unix       the C no-op receiving every stage optout-milter receives (connect, MAIL, each
#                   RCPT, each header, end of headers, body), negotiated as optout-milter does, and
#                   adding a header (noop-milter -a -f): what libmilter and the kernel cost a
#                   milter that reads the whole message, before any work on it
#   full-tcp        the same on TCP with the countermeasures (noop-milter -a -t -f), negotiated alike
#   optoutnm-unix   optout-unix with metrics off (`metrics.listen: ""`: no listener, no
#                   metrics kept): the side-by-side cost of the metrics (issue 11: within 3%)
#   optoutnm-tcp    the same on TCP
#
#   Benchmarks/e2e/bench.sh PATH/TO/optout-milter      (as root; `make bench-e2e`)
#
# The traffic is the same for every configuration: a real ~60 KB HTML newsletter from the
# shared corpus (../shared/corpus relative to the repository, read at bench time and never
# copied into the repository; BENCH_CORPUS and BENCH_MESSAGE choose another), sent with
# `smtp-source -F` to 5 recipients (b@, 2b@ ... 5b@example.com) of which one (3b@example.com)
# is in the suppression list. optout-milter runs the policy of contrib/optout-milter.yaml:
# outbound by network (127.0.0.0/8), a SQLite store (the suppressed recipient among
# BENCH_SUPPRESSION_FILL other entries), the built-in rules, `suppressed: remove-recipient`, the
# X-OptOut-Policy header and an audit file, so on every message it scans, classifies, looks up
# 5 recipients, deletes one (smfi_delrcpt), adds a header and appends an audit line. The script
# checks that it did (audit lines, and no delivery to 3b@ through optout-milter) and fails if not.
#
# All Postfix instances and milters run side by side for the whole run; the configurations
# are measured in interleaved rounds (the order rotates each round) so that machine drift hits
# them alike. One measurement = BENCH_MESSAGES messages over BENCH_SESSIONS sessions, timed from
# the first connection until the last message has left Postfix's queue for the sink. Milter CPU
# per message is the milter process's user+system time (/proc/PID/stat, all threads) before and
# after each measurement, divided by the messages. Prints each configuration's median msg/s and
# CPU and the ratios and targets of the project.
#
# BENCH_PROFILE=DIR: after the rounds, one more measurement of optout-unix under
# `perf record -g`; the milter's CPU grouped by activity (profile-breakdown.py: scanner,
# classifier, policy, audit, libmilter's I/O in the kernel...) is printed and written with
# perf's reports (top functions by self and inclusive time, by library) to DIR.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
for lib in common sink postfix milter; do
    source "$HERE/../../Tests/e2e/lib/$lib.sh"
done
source "$HERE/optout-config.sh"

ROUNDS=${BENCH_ROUNDS:-7}
MESSAGES=${BENCH_MESSAGES:-600}
SESSIONS=${BENCH_SESSIONS:-20}
WARMUP=${BENCH_WARMUP:-100}
CORPUS=${BENCH_CORPUS:-$E2E_REPO/../shared/corpus}
MESSAGE=${BENCH_MESSAGE:-messages/ff-gadget-flow-kara-pure-false-positive.eml}
FILL=${BENCH_SUPPRESSION_FILL:-10000}
RECIPIENTS=5 RCPT_BASE=b@example.com SUPPRESSED=3b@example.com SENDER=news@mail.example.org
read -r -a CONFIGS <<<"${BENCH_CONFIGS:-none noop-unix optout-unix optoutws-unix noop-tcp tuned-tcp optout-tcp optoutws-tcp}"

[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: $0 PATH/TO/optout-milter" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || die "run as root (private Postfix instances need it)"
OPTOUT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
MILTER_BIN=$OPTOUT   # milter_write_config (Tests/e2e/lib/milter.sh) creates a missing store with it

# The newsletter: read from the corpus at bench time, never part of the repository.
[ -d "$CORPUS" ] || die "no corpus at $CORPUS: this benchmark sends a real newsletter from the
shared corpus (../shared/corpus next to the repository; BENCH_CORPUS=DIR to point elsewhere)"
[ -f "$CORPUS/$MESSAGE" ] || die "$CORPUS/$MESSAGE not found (BENCH_MESSAGE names a file of $CORPUS/labels.csv)"
grep -q "^$MESSAGE,marketing," "$CORPUS/labels.csv" 2>/dev/null ||
    die "$MESSAGE is not labelled marketing in $CORPUS/labels.csv"

# Everything started from here on (Postfix, milters, sink, load) inherits a raised priority,
# so that other work on the machine (builds) disturbs the measurement less. BENCH_NICE=0: off.
renice -n "${BENCH_NICE:--10}" -p $$ >/dev/null

make_run_dir optout-bench
# smtp-source -F appends CRLF to each line: the corpus file's own CRs would end every line in
# CR CR LF, so the copy it sends (in the temporary run directory) has LF line ends.
tr -d '\r' <"$CORPUS/$MESSAGE" >"$RUN/message.eml"
MESSAGE_BYTES=$(stat -c %s "$RUN/message.eml")

# The suppression store: FILL unrelated opt-outs and the one recipient of every message.
STORE=sqlite:$RUN/suppressions.db
awk -v n="$FILL" 'BEGIN { for (i = 1; i <= n; i++) printf "user%d@fill%d.example.net\n", i, i % 97 }' >"$RUN/fill.txt"
"$OPTOUT" suppress import --store "$STORE" --source bench "$RUN/fill.txt" >"$RUN/import.log" 2>&1 ||
    die "cannot import the suppression list: $(tail -3 "$RUN/import.log")"
"$OPTOUT" suppress add --store "$STORE" --source bench --reason "bench: the suppressed recipient" "$SUPPRESSED" \
    >>"$RUN/import.log" 2>&1 || die "cannot add $SUPPRESSED: $(tail -3 "$RUN/import.log")"

cc -O2 -o "$RUN/noop-milter" "$HERE/noop-milter.c" -lmilter || die "cannot build noop-milter.c"
sink_start "$RUN" nodump

declare -A PORT ETC MPID AUDIT METRICS
for c in "${CONFIGS[@]}"; do
    dir=$RUN/$c
    mkdir -p "$dir"
    spec=""
    case $c in
        *-unix) spec=$(milter_spec "$dir" unix) ;;
        *-tcp) spec=$(milter_spec "$dir" tcp) ;;
    esac
    case $c in
        none) ;;
        noop-*) milter_launch "$dir" "$spec" "$RUN/noop-milter" -p "$spec" ;;
        hdr-*) milter_launch "$dir" "$spec" "$RUN/noop-milter" -a -p "$spec" ;;
        tuned-*) milter_launch "$dir" "$spec" "$RUN/noop-milter" -a -t -p "$spec" ;;
        tunedmail-*) milter_launch "$dir" "$spec" "$RUN/noop-milter" -a -t -m -p "$spec" ;;
        full-unix) milter_launch "$dir" "$spec" "$RUN/noop-milter" -a -f -p "$spec" ;;
        full-tcp) milter_launch "$dir" "$spec" "$RUN/noop-milter" -a -t -f -p "$spec" ;;
        optout-* | optoutws-* | optoutnm-*)
            AUDIT[$c]=$dir/audit.jsonl
            scan=always
            [[ $c == optoutws-* ]] && scan=when-suppressed
            METRICS[$c]=""
            [[ $c == optoutnm-* ]] || METRICS[$c]=127.0.0.1:$(free_port)
            bench_optout_config "$dir/optout-milter.yaml" "$STORE" "${AUDIT[$c]}" "$scan" "${METRICS[$c]}"
            milter_launch "$dir" "$spec" "$OPTOUT" run --config "$dir/optout-milter.yaml" --socket "$spec" ;;
        *) die "unknown configuration $c" ;;
    esac
    MPID[$c]=${spec:+$MILTER_PID}
    pf_start "$dir" "$spec" || die "cannot start Postfix for $c"
    PORT[$c]=$PF_PORT ETC[$c]=$PF_ETC
done

# cpu_ticks PID: "user system" clock ticks used so far by PID, all threads ("0 0" for none).
cpu_ticks() { [ -n "$1" ] && awk '{ print $14, $15 }' "/proc/$1/stat" || echo 0 0; }

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
    } 2>/dev/null | awk '{ t += $1 + $2 } END { print t + 0 }'
}
queue_drained() { [ "$(PF_ETC=$1 pf_queue_files)" -eq 0 ]; }

# send CONFIG COUNT: COUNT newsletters over SESSIONS sessions, each to RECIPIENTS recipients.
send() {
    timeout 300 smtp-source -s "$SESSIONS" -m "$2" -r "$RECIPIENTS" -F "$RUN/message.eml" \
        -f "$SENDER" -t "$RCPT_BASE" "127.0.0.1:${PORT[$1]}" >"$RUN/$1/source.log" 2>&1 ||
        die "smtp-source failed for $1: $(tail -3 "$RUN/$1/source.log")"
}

# measure CONFIG COUNT: prints "msg/s milter-CPU-µs/msg milter-user-µs/msg chain-CPU-µs/msg"
# for one run of COUNT messages (chain = Postfix instance + milter).
measure() {
    local c=$1 n=$2 t0 ms u0 s0 u1 s1 chain0 chain1
    read -r u0 s0 < <(cpu_ticks "${MPID[$c]}")
    chain0=$(chain_ticks "$c")
    t0=${EPOCHREALTIME/./}
    send "$c" "$n"
    wait_until 120 "$c queue to drain" queue_drained "${ETC[$c]}" || die "$c: queue did not drain"
    ms=$(elapsed_ms "$t0")
    read -r u1 s1 < <(cpu_ticks "${MPID[$c]}")
    chain1=$(chain_ticks "$c")
    awk -v n="$n" -v ms="$ms" -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v ct=$((chain1 - chain0)) \
        -v hz="$(getconf CLK_TCK)" 'BEGIN {
            printf "%.1f %.0f %.0f %.0f\n", n * 1000 / ms, (u + s) * 1e6 / hz / n, u * 1e6 / hz / n, ct * 1e6 / hz / n }'
}

# sent_to CONFIG ADDRESS: deliveries to ADDRESS that CONFIG's Postfix logged as sent.
sent_to() { grep -c "to=<$2>.*status=sent" "$(dirname "${ETC[$1]}")/maillog" 2>/dev/null || true; }
audit_lines() { wc -l <"${AUDIT[$1]}" 2>/dev/null || echo 0; }
audit_removed() { grep -c "\"action\":\"remove-recipient\"" "${AUDIT[$1]}" 2>/dev/null || true; }
logged_at_least() { [ "$(sent_to "$1" "$2")" -ge "$3" ]; }

# check_policy CONFIG TOTAL: every one of the TOTAL messages sent so far reached the sink for
# the 4 unsuppressed recipients; through optout-milter, never for the suppressed one, and each
# has an audit line with action remove-recipient. Dies otherwise.
check_policy() {
    local c=$1 total=$2 want_suppressed=$2 audited removed
    wait_until 30 "$c: $total deliveries to 2b@ logged" logged_at_least "$c" "2$RCPT_BASE" "$total" ||
        die "$c: $(sent_to "$c" "2$RCPT_BASE") of $total messages logged as delivered to 2$RCPT_BASE"
    if [ -n "${AUDIT[$c]:-}" ]; then
        want_suppressed=0 audited=$(audit_lines "$c") removed=$(audit_removed "$c")
        [ "$audited" -eq "$total" ] && [ "$removed" -eq "$total" ] ||
            die "$c: $audited audit lines, $removed with action remove-recipient, for $total messages: the policy did not act on every message"
    fi
    [ "$(sent_to "$c" "$SUPPRESSED")" -eq "$want_suppressed" ] ||
        die "$c: $(sent_to "$c" "$SUPPRESSED") deliveries to $SUPPRESSED logged, expected $want_suppressed"
    # With metrics on, the counters must have seen what the audit saw (the metrics did their work).
    if [ -n "${METRICS[$c]:-}" ]; then
        local counted
        counted=$(python3 "$HERE/../../Tests/e2e/lib/metrics.py" sample "http://${METRICS[$c]}/metrics" \
            optout_recipients_total outcome=removed action=remove_recipient) ||
            die "$c: no answer from /metrics on ${METRICS[$c]}"
        [ "$counted" = "$total" ] || die "$c: /metrics counted $counted removed recipients, expected $total"
    fi
}

declare -A SENT
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "message: $CORPUS/$MESSAGE ($MESSAGE_BYTES bytes with LF line ends), $RECIPIENTS recipients, $SUPPRESSED suppressed among $((FILL + 1)) entries"
log "warm-up: $WARMUP messages per configuration"
for c in "${CONFIGS[@]}"; do
    measure "$c" "$WARMUP" >/dev/null
    SENT[$c]=$WARMUP
    check_policy "$c" "${SENT[$c]}"
done
log "policy check after warm-up: optout-milter removed $SUPPRESSED from every message and audited each"

declare -A RATES CPUS USERS CHAINS
for ((r = 0; r < ROUNDS; r++)); do
    order=("${CONFIGS[@]:r % ${#CONFIGS[@]}}" "${CONFIGS[@]:0:r % ${#CONFIGS[@]}}")
    line="round $((r + 1))/$ROUNDS:"
    for c in "${order[@]}"; do
        read -r rate cpu user chain < <(measure "$c" "$MESSAGES")
        SENT[$c]=$((SENT[$c] + MESSAGES))
        RATES[$c]+="$rate " CPUS[$c]+="$cpu " USERS[$c]+="$user " CHAINS[$c]+="$chain "
        line+=" $c=$rate"
    done
    log "$line"
done
for c in "${CONFIGS[@]}"; do check_policy "$c" "${SENT[$c]}"; done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk -v v="$1" 'BEGIN { printf "%.3f", v / 1000 }'; }
declare -A MED MEDCPU
echo
echo "$(basename "$MESSAGE") ($MESSAGE_BYTES bytes) with smtp-source -s $SESSIONS -r $RECIPIENTS -F" \
    "-> Postfix $(postconf -d -h mail_version) -> smtp-sink; $ROUNDS interleaved rounds of $MESSAGES messages;" \
    "$(nproc) CPUs; load average before $LOAD_BEFORE, after $LOAD_AFTER"
printf '%-40s %12s %7s %7s %15s %9s %15s\n' configuration "median msg/s" min max "milter CPU ms" "of which" "Postfix+milter"
printf '%-40s %12s %7s %7s %15s %9s %15s\n' "" "" "" "" "per message" user "CPU ms/msg"
for c in "${CONFIGS[@]}"; do
    MED[$c]=$(median <<<"${RATES[$c]}")
    cpu=- user=-
    if [ -n "${MPID[$c]}" ]; then
        MEDCPU[$c]=$(median <<<"${CPUS[$c]}")
        cpu=$(ms "${MEDCPU[$c]}") user=$(ms "$(median <<<"${USERS[$c]}")")
    fi
    case $c in
        none) label="no milter" ;;
        noop-unix) label="C no-op libmilter, unix socket" ;;
        hdr-unix) label="C no-op + 1 header, unix socket" ;;
        optout-unix) label="optout-milter scan: always, unix" ;;
        optoutnm-unix) label="... with metrics off, unix" ;;
        optoutws-unix) label="optout-milter scan: when-suppressed, unix" ;;
        noop-tcp) label="C no-op libmilter, TCP (stock)" ;;
        tuned-tcp) label="C no-op + 1 header, TCP, tuned" ;;
        tunedmail-tcp) label="... + MAIL FROM answered" ;;
        full-unix) label="C no-op reading every stage, unix" ;;
        full-tcp) label="C no-op reading every stage, TCP, tuned" ;;
        optout-tcp) label="optout-milter scan: always, TCP" ;;
        optoutnm-tcp) label="... with metrics off, TCP" ;;
        optoutws-tcp) label="optout-milter scan: when-suppressed, TCP" ;;
    esac
    printf '%-40s %12s %7s %7s %15s %9s %15s\n' "$label" "${MED[$c]}" \
        "$(tr ' ' '\n' <<<"${RATES[$c]}" | grep . | sort -g | head -1)" \
        "$(tr ' ' '\n' <<<"${RATES[$c]}" | grep . | sort -g | tail -1)" "$cpu" "$user" \
        "$(ms "$(median <<<"${CHAINS[$c]}")")"
done
# ratio LABEL A B TARGET|NOTE: A's median over B's, against TARGET (a number) or with NOTE;
# nothing when either was not measured (BENCH_CONFIGS).
ratio() {
    [ -n "${MED[$2]:-}" ] && [ -n "${MED[$3]:-}" ] || return 0
    awk -v l="$1" -v a="${MED[$2]}" -v b="${MED[$3]}" -v t="$4" 'BEGIN {
        r = a / b
        if (t ~ /^[0-9.]+$/) printf "%-56s %.3f (target >= %.2f: %s)\n", l, r, t, (r >= t) ? "met" : "NOT MET"
        else printf "%-56s %.3f (%s)\n", l, r, t }'
}
# cpu_target LABEL CONFIG MAX_MS: the median milter CPU per message against MAX_MS.
cpu_target() {
    [ -n "${MEDCPU[$2]:-}" ] || return 0
    awk -v l="$1" -v us="${MEDCPU[$2]}" -v t="$3" 'BEGIN {
        printf "%-56s %.3f ms (target <= %.1f ms: %s)\n", l, us / 1000, t, (us / 1000 <= t) ? "met" : "NOT MET" }'
}
# cpu_ratio LABEL A B: A's median milter CPU per message over B's.
cpu_ratio() {
    [ -n "${MEDCPU[$2]:-}" ] && [ -n "${MEDCPU[$3]:-}" ] || return 0
    awk -v l="$1" -v a="${MEDCPU[$2]}" -v b="${MEDCPU[$3]}" 'BEGIN { printf "%-56s %.3f\n", l, a / b }'
}
echo
ratio "optout always unix / C no-op unix:" optout-unix noop-unix 0.90
ratio "optout always TCP / C no-op TCP (stock):" optout-tcp noop-tcp 0.90
ratio "optout always TCP / C no-op+header TCP tuned:" optout-tcp tuned-tcp 0.90
ratio "optout when-suppressed unix / C no-op unix:" optoutws-unix noop-unix 0.90
ratio "optout when-suppressed TCP / C no-op TCP (stock):" optoutws-tcp noop-tcp 0.90
ratio "optout when-suppressed TCP / C no-op+header TCP tuned:" optoutws-tcp tuned-tcp 0.90
cpu_target "milter CPU, optout always unix:" optout-unix 1.8
cpu_target "milter CPU, optout always TCP:" optout-tcp 1.8
cpu_target "milter CPU, optout when-suppressed unix:" optoutws-unix 1.8
cpu_target "milter CPU, optout when-suppressed TCP:" optoutws-tcp 1.8
ratio "optout unix, metrics on / metrics off:" optout-unix optoutnm-unix 0.97
ratio "optout TCP, metrics on / metrics off:" optout-tcp optoutnm-tcp 0.97
cpu_ratio "milter CPU unix, metrics on / metrics off:" optout-unix optoutnm-unix
cpu_ratio "milter CPU TCP, metrics on / metrics off:" optout-tcp optoutnm-tcp
ratio "optout always unix / C no-op reading every stage unix:" optout-unix full-unix "for reference"
ratio "optout always TCP / C no-op reading every stage TCP:" optout-tcp full-tcp "for reference"
ratio "optout always TCP / optout always unix:" optout-tcp optout-unix "for reference"
ratio "C no-op unix / no milter:" noop-unix none "for reference"
ratio "optout always unix / no milter:" optout-unix none "for reference"
echo "policy: every message scanned and classified, $SUPPRESSED removed and audited on each" \
    "($(for c in "${CONFIGS[@]}"; do [ -n "${AUDIT[$c]:-}" ] && printf '%s %s audit lines; ' "$c" "$(audit_lines "$c")"; done)no delivery to $SUPPRESSED through optout-milter)"

# Optional profile of the milter's CPU on the same traffic, outside the measured rounds.
if [ -n "${BENCH_PROFILE:-}" ] && [ -n "${MPID[optout-unix]:-}" ]; then
    mkdir -p "$BENCH_PROFILE"
    command -v perf >/dev/null || die "BENCH_PROFILE needs perf (apt-get install -y linux-perf)"
    log "profiling optout-unix (pid ${MPID[optout-unix]}) over $MESSAGES messages with perf record -g"
    perf record -g -F 2000 -p "${MPID[optout-unix]}" -o "$BENCH_PROFILE/perf.data" \
        >"$BENCH_PROFILE/perf-record.log" 2>&1 &
    perf_pid=$!
    sleep 1
    measure optout-unix "$MESSAGES" >"$BENCH_PROFILE/measure.txt"
    kill -INT "$perf_pid"
    wait "$perf_pid" || true
    perf report -i "$BENCH_PROFILE/perf.data" --no-children --sort symbol --stdio -g none \
        --percent-limit 0.3 2>/dev/null | swift demangle --simplified >"$BENCH_PROFILE/self.txt" || true
    perf report -i "$BENCH_PROFILE/perf.data" --no-children --sort dso --stdio -g none \
        2>/dev/null >"$BENCH_PROFILE/dso.txt" || true
    perf report -i "$BENCH_PROFILE/perf.data" --children --sort symbol --stdio -g none \
        --percent-limit 2 2>/dev/null | swift demangle --simplified >"$BENCH_PROFILE/children.txt" || true
    perf script -i "$BENCH_PROFILE/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null | swift demangle --simplified |
        python3 "$HERE/profile-breakdown.py" "$(awk '{ printf "%.3f", $2 / 1000 }' "$BENCH_PROFILE/measure.txt")" \
            >"$BENCH_PROFILE/breakdown.txt" || true
    echo
    echo "Where optout-unix's CPU went (perf record -g, $MESSAGES messages; $BENCH_PROFILE/breakdown.txt):"
    cat "$BENCH_PROFILE/breakdown.txt"
    log "profile in $BENCH_PROFILE (breakdown.txt: by activity; self.txt: self time by function; children.txt: inclusive; dso.txt: by library)"
fi
