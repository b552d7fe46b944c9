#!/usr/bin/env bash
# make bench: every benchmark of the project in one run, written to BENCHMARKS.md (machine, date,
# commands, tables, and each figure an issue set a budget for, checked against it):
#   1. end to end (Benchmarks/e2e/bench.sh): no milter, the C no-op (end of message only, and
#      reading every stage), optout-milter with its full policy; unix socket and TCP; interleaved
#      rounds, milter CPU per message;
#   2. the package-benchmark suites (Benchmarks/): scanner, classifier, suppression list (the
#      last imports 1 M and 10 M generated entries once and keeps them in
#      $SUPPRESSION_BENCH_DIR, default $TMPDIR/optout-milter-suppression-bench).
#
#   scripts/bench-report.sh PATH/TO/optout-milter     (as root: the e2e part runs Postfix)
#
# BENCH_ROUNDS / BENCH_MESSAGES: e2e rounds and messages per measurement (default 5 x 400);
# BENCH_SUITES: the suites to run (default "Scanner Classifier Suppression"); BENCH_E2E=0 skips
# the e2e part; BENCH_OUTPUT: another file than BENCHMARKS.md. Takes about 7 minutes on 2 cores
# once the release build and the generated lists exist (the first run adds a few minutes to
# generate and import them). Logs stay in a temporary directory, printed at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: $0 PATH/TO/optout-milter" >&2; exit 64; }
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
OUTPUT="${BENCH_OUTPUT:-$ROOT/BENCHMARKS.md}"
read -r -a SUITES <<<"${BENCH_SUITES:-Scanner Classifier Suppression}"
export BENCH_ROUNDS="${BENCH_ROUNDS:-5}" BENCH_MESSAGES="${BENCH_MESSAGES:-400}"
E2E_CONFIGS="none noop-unix full-unix optout-unix tuned-tcp full-tcp optout-tcp"
LOGS="$(mktemp -d /tmp/optout-bench-report.XXXXXX)"
META="$LOGS/meta.txt"
started=$SECONDS

meta() { printf '%s: %s\n' "$1" "$2" >>"$META"; }
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
meta machine "$(systemd-detect-virt --vm 2>/dev/null || echo bare metal) guest, $(nproc) CPUs$(systemd-detect-virt --container >/dev/null 2>&1 && echo ", in a $(systemd-detect-virt --container) container")"
meta cpu "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
meta memory "$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
meta system "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
meta swift "$(swift --version 2>&1 | head -n 1)"
meta postfix "$(postconf -d mail_version 2>/dev/null | cut -d' ' -f3 || echo none)"
meta libmilter "$(dpkg-query -W -f '${Version}' libmilter-dev 2>/dev/null || echo unknown)"
meta "load before" "$(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${BENCH_E2E:-1}" != 0 ]; then
    meta "e2e command" "BENCH_CONFIGS=\"$E2E_CONFIGS\" BENCH_ROUNDS=$BENCH_ROUNDS BENCH_MESSAGES=$BENCH_MESSAGES bash Benchmarks/e2e/bench.sh $1"
    echo "bench: end to end ($E2E_CONFIGS), log $LOGS/e2e.log"
    BENCH_CONFIGS="$E2E_CONFIGS" bash "$ROOT/Benchmarks/e2e/bench.sh" "$BIN" 2>&1 | tee "$LOGS/e2e.log"
fi

suite_args=()
for suite in "${SUITES[@]}"; do
    command="cd Benchmarks && swift package --disable-sandbox benchmark --target ${suite}Benchmarks --no-progress"
    meta "$suite command" "$command"
    echo "bench: $suite suite, log $LOGS/$suite.log"
    # A suite that fails still leaves the tables it printed; the report says so and the other
    # suites run (the benchmark plugin has been seen to crash on exit after its last table).
    status=0
    (cd "$ROOT/Benchmarks" && swift package --disable-sandbox benchmark --target "${suite}Benchmarks" --no-progress) \
        2>&1 | tee "$LOGS/$suite.log" || status=$?
    [ "$status" = 0 ] || meta "$suite status" "the benchmark command exited with status $status; the tables are what it printed before"
    suite_args+=("$suite=$LOGS/$suite.log")
done

meta "load after" "$(cut -d' ' -f1-3 /proc/loadavg)"
meta duration "$(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s"
e2e_args=()
[ "${BENCH_E2E:-1}" = 0 ] || e2e_args=(--e2e "$LOGS/e2e.log")
python3 "$ROOT/scripts/bench-report.py" --meta "$META" "${e2e_args[@]}" --suite "${suite_args[@]}" >"$OUTPUT"
echo "bench: wrote $OUTPUT (logs in $LOGS)"
