#!/usr/bin/env bash
# Fuzzes with libFuzzer for SECONDS each (default 60), and fails on any crash, broken invariant, hang,
# memory blow-up or leak. Targets (all by default):
#   scanner  the MailScanner: Sources/MailScanner plus Fuzz/FuzzEntry.swift, built with swiftc
#            -sanitize=fuzzer,address; seeds: the test fixtures (and ../shared/corpus/messages when present)
#   config   OptOutMilterConfiguration.parse(yaml:file:)          (Fuzz/Sources/fuzz-config)
#   rules    CompiledRuleSet.load(yaml:name:), PCRE2 included      (Fuzz/Sources/fuzz-rules)
#   address  AddressNormalizer.normalize, SuppressionKey.parse     (Fuzz/Sources/fuzz-address)
# The last three are the SwiftPM package in Fuzz/ (they need Yams, GRDB, swift-crypto and the C
# libraries), built in .build/fuzz-pkg with ASan and libFuzzer's coverage; seeds come from the
# repository through Fuzz/seeds.py.
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]      (make fuzz-smoke = 60 s each, make fuzz = 600 s each)
# Crashing inputs are written to Fuzz/artifacts/TARGET/; turn each into a regression test.
# Reproduce one: .build/fuzz-pkg/debug/fuzz-config Fuzz/artifacts/config/crash-...
set -euo pipefail
SECONDS_TO_RUN="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(scanner config rules address)
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/.build/fuzz"
SCRATCH="$ROOT/.build/fuzz-pkg"
mkdir -p "$WORK"
# Swift's own crash handler would fight ASan for the report; libFuzzer prints the stack.
export SWIFT_BACKTRACE=enable=no

build_scanner() {
    BINARY="$WORK/scanner-fuzz"
    local sources=("$ROOT"/Sources/MailScanner/*.swift "$ROOT/Fuzz/FuzzEntry.swift")
    # Rebuild only when a source changed (keeps CI's fuzz-smoke cheap after the first run).
    if [ ! -x "$BINARY" ] || [ -n "$(find "${sources[@]}" -newer "$BINARY" 2>/dev/null | head -1)" ]; then
        echo "fuzz: building $BINARY"
        swiftc -O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 \
            -module-name MailScannerFuzz "${sources[@]}" -o "$BINARY"
    fi
}

built_package=no
build_package() {
    [ "$built_package" = no ] || return 0
    # SwiftPM gives executables a main of their own, so the targets call libFuzzer's driver
    # (LLVMFuzzerRunDriver) and link the toolchain's libFuzzer without its main; everything Swift,
    # the dependencies too, is compiled with ASan and libFuzzer's coverage (what -sanitize=fuzzer
    # would add). Debug: builds fastest, and keeps @testable import for the address target.
    local swiftc libfuzzer
    swiftc="$(readlink -f "$(command -v swiftc)")"
    libfuzzer="$(ls "$(dirname "$swiftc")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)"
    echo "fuzz: building the fuzz package (Fuzz/Package.swift) in $SCRATCH"
    local start=$SECONDS
    swift build --package-path "$ROOT/Fuzz" --scratch-path "$SCRATCH" -c debug \
        -Xswiftc -sanitize=address \
        -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
        -Xlinker "$libfuzzer" -Xlinker -lstdc++ 2>&1 |
        grep -v "warning: Cannot export local symbol" | tail -n 5
    echo "fuzz: fuzz package built in $((SECONDS - start)) s"
    built_package=yes
}

failed=()
run_target() {
    local target=$1 binary corpus max_len dict=()
    corpus="$WORK/corpus-$target"
    mkdir -p "$corpus" "$ROOT/Fuzz/artifacts/$target"
    case "$target" in
        scanner)
            build_scanner
            binary="$BINARY"
            corpus="$WORK/corpus"  # where earlier runs kept theirs
            mkdir -p "$corpus"
            cp -n "$ROOT"/Tests/MailScannerTests/Fixtures/*.eml "$corpus/" 2>/dev/null || true
            if [ -d "$ROOT/../shared/corpus/messages" ]; then
                # Messages over the fuzzer's max_len are still useful seeds: libFuzzer reads their prefix.
                cp -n "$ROOT"/../shared/corpus/messages/*.eml "$corpus/" 2>/dev/null || true
            fi
            # -max_len bounds a single input (the scanner's own caps are exercised with smaller limits).
            max_len=65536
            ;;
        config | rules | address)
            build_package
            binary="$SCRATCH/debug/fuzz-$target"
            python3 "$ROOT/Fuzz/seeds.py" "$target" "$corpus"
            dict=(-dict="$ROOT/Fuzz/Dictionaries/$target.dict")
            case "$target" in
                config) max_len=16384 ;;
                rules) max_len=32768 ;;  # the built-in pack, a seed, is 20 KB
                address) max_len=1024 ;;
            esac
            ;;
        *)
            echo "fuzz: unknown target '$target' (scanner, config, rules, address)" >&2
            exit 2
            ;;
    esac

    echo "fuzz: running $target for ${SECONDS_TO_RUN}s"
    local log="$WORK/$target.log"
    # -rss_limit_mb and -timeout turn memory blow-ups and hangs into failures; -detect_leaks is on by
    # default with ASan.
    set +e
    "$binary" "$corpus" "${dict[@]}" \
        -max_total_time="$SECONDS_TO_RUN" \
        -max_len="$max_len" \
        -rss_limit_mb=2048 \
        -malloc_limit_mb=512 \
        -timeout=10 \
        -print_final_stats=1 \
        -artifact_prefix="$ROOT/Fuzz/artifacts/$target/" >"$log" 2>&1
    local status=$?
    set -e
    if [ "$status" -ne 0 ]; then
        # The invariant that broke (fuzzFailure / fatalError), then libFuzzer's report.
        grep -m1 -A12 "Fatal error" "$log" || true
        tail -n 40 "$log"
        echo "fuzz: $target FAILED (exit $status); inputs in Fuzz/artifacts/$target/, log in $log" >&2
        failed+=("$target")
    else
        grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|INITED" "$log" || true
        echo "fuzz: $target: no crash, hang, leak or broken invariant in ${SECONDS_TO_RUN}s"
    fi
}

for target in "${TARGETS[@]}"; do
    run_target "$target"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: ${TARGETS[*]}: passed, ${SECONDS_TO_RUN}s each"
