#!/usr/bin/env bash
# Fuzzes the MailScanner with libFuzzer for SECONDS (default 60): builds Sources/MailScanner plus
# Fuzz/FuzzEntry.swift with -sanitize=fuzzer,address, seeds the corpus from the test fixtures (and
# ../shared/corpus/messages when present), and fails on any crash, hang, memory blow-up or leak.
# Usage: Fuzz/run.sh [SECONDS]      (make fuzz-smoke = 60 s, make fuzz = 600 s)
# Crashing inputs are written to Fuzz/artifacts/; turn each into a regression test.
set -euo pipefail
SECONDS_TO_RUN="${1:-60}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/.build/fuzz"
mkdir -p "$WORK/corpus" "$ROOT/Fuzz/artifacts"

BINARY="$WORK/scanner-fuzz"
SOURCES=("$ROOT"/Sources/MailScanner/*.swift "$ROOT/Fuzz/FuzzEntry.swift")
# Rebuild only when a source changed (keeps CI's fuzz-smoke cheap after the first run).
if [ ! -x "$BINARY" ] || [ -n "$(find "${SOURCES[@]}" -newer "$BINARY" 2>/dev/null | head -1)" ]; then
    echo "fuzz: building $BINARY"
    swiftc -O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 \
        -module-name MailScannerFuzz "${SOURCES[@]}" -o "$BINARY"
fi

# Seed corpus: the project fixtures, the shared corpus when present, and what earlier runs found.
cp -n "$ROOT"/Tests/MailScannerTests/Fixtures/*.eml "$WORK/corpus/" 2>/dev/null || true
if [ -d "$ROOT/../shared/corpus/messages" ]; then
    # Messages over the fuzzer's max_len are still useful seeds: libFuzzer reads their prefix.
    cp -n "$ROOT"/../shared/corpus/messages/*.eml "$WORK/corpus/" 2>/dev/null || true
fi

echo "fuzz: running for ${SECONDS_TO_RUN}s"
# Swift's own crash handler would fight ASan for the report; libFuzzer prints the stack.
export SWIFT_BACKTRACE=enable=no
# -rss_limit_mb and -timeout turn memory blow-ups and hangs into failures; -detect_leaks is on by default
# with ASan. -max_len bounds a single input (the scanner's own caps are exercised with smaller limits).
"$BINARY" "$WORK/corpus" \
    -max_total_time="$SECONDS_TO_RUN" \
    -max_len=65536 \
    -rss_limit_mb=2048 \
    -malloc_limit_mb=512 \
    -timeout=10 \
    -print_final_stats=1 \
    -artifact_prefix="$ROOT/Fuzz/artifacts/" 2>&1 | tail -n 40
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo "fuzz: FAILED (exit $status); inputs in Fuzz/artifacts/" >&2
    exit "$status"
fi
echo "fuzz: no crash, hang, leak or chunking difference in ${SECONDS_TO_RUN}s"
