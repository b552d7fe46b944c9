# Case results. Each case runs in its own process (see run.sh): `pass` and `fail` print the
# result line and end that process with status 0 or 1. Sourced after common.sh.

CASE_NAME=${CASE_NAME:-case}

pass() {
    VERDICT=pass
    echo "PASS $CASE_NAME${1:+: $1}"
    exit 0
}

# fail REASON: prints the reason and the tail of the logs that explain most failures.
fail() {
    VERDICT=fail
    echo "FAIL $CASE_NAME: $1"
    local f
    for f in "${MILTER_LOG:-}" "${PF_LOG:-}" "${SM_DIR:+$SM_DIR/daemon.log}"; do
        [ -n "$f" ] && [ -s "$f" ] || continue
        echo "  --- last lines of $f"
        tail -15 "$f" | sed 's/^/  | /'
    done
    exit 1
}

# must WHAT COMMAND...: runs a setup step; a failure fails the case with WHAT as the reason.
must() {
    local what=$1; shift
    "$@" || fail "$what failed"
}
