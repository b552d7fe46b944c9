#!/usr/bin/env bash
# Classifier (and, when present, scanner) figures on the labelled corpus in ../shared/corpus.
# The corpus is optional: it stays outside the repository, so without it this says so and exits 0.
#   usage: scripts/eval-corpus.sh [optout-milter binary] [extra eval options, e.g. --json or --model builtin]
#          CV=1 scripts/eval-corpus.sh   also cross-validates the learnt weights (optout-milter train)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${1:-.build/debug/optout-milter}"
shift || true
CORPUS="${CORPUS:-../shared/corpus}"

if [[ ! -f "$CORPUS/labels.csv" || ! -d "$CORPUS/messages" ]]; then
    echo "eval-corpus: no labelled corpus at $CORPUS (labels.csv + messages/); nothing to evaluate."
    exit 0
fi
if [[ ! -x "$BIN" ]]; then
    echo "eval-corpus: $BIN not built; run 'swift build' (or 'make build') first." >&2
    exit 1
fi

echo "== Marketing classifier: $BIN eval --labels $CORPUS/labels.csv --root $CORPUS"
"$BIN" eval --labels "$CORPUS/labels.csv" --root "$CORPUS" "$@"

# The learnt weights, measured only by grouped cross-validation (never on messages they trained on).
# Slow in a debug build (minutes); set CV=1 to run it.
if [[ "${CV:-0}" == "1" ]]; then
    echo
    echo "== Learnt weights: $BIN train --labels $CORPUS/labels.csv --root $CORPUS --max-block-bias=-1 (10 folds by sender domain)"
    "$BIN" train --labels "$CORPUS/labels.csv" --root "$CORPUS" --max-block-bias=-1
fi

# The scanner's differential check (scanner issue) compares its decoding with a reference parser.
if [[ -f scripts/differential-check.py ]] && command -v python3 >/dev/null; then
    echo
    echo "== Scanner differential check: scripts/differential-check.py"
    # Report only: the classifier figures above are what this script is for, so a scanner
    # disagreement is printed but does not fail the evaluation.
    python3 scripts/differential-check.py --scanner "$BIN" --min-agreement 0 "$CORPUS/messages" || true
fi
