#!/usr/bin/env bash
# Differential check of the scanner against Python's email package (see scripts/differential-check.py).
# Over the project fixtures (every disagreement must be listed, with its reason, in
# Tests/MailScannerTests/Fixtures/differential-known-differences.txt) and, when present, every message
# of ../shared/corpus/messages (target: >= 99% agreement).
# Usage: scripts/differential-check.sh [path/to/optout-milter]   (default: builds .build/debug/optout-milter)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BINARY="${1:-}"
if [ -z "$BINARY" ]; then
    (cd "$ROOT" && swift build --product optout-milter >/dev/null)
    BINARY="$ROOT/.build/debug/optout-milter"
fi
FIXTURES="$ROOT/Tests/MailScannerTests/Fixtures"
python3 "$ROOT/scripts/differential-check.py" --scanner "$BINARY" --label fixtures \
    --known "$FIXTURES/differential-known-differences.txt" "$FIXTURES"
CORPUS="$ROOT/../shared/corpus/messages"
if [ -d "$CORPUS" ]; then
    python3 "$ROOT/scripts/differential-check.py" --scanner "$BINARY" --label corpus --min-agreement 0.99 "$CORPUS"
else
    echo "differential check (corpus): $CORPUS not present, skipped"
fi
