#!/usr/bin/env bash
# End-to-end tests of optout-milter inside real Postfix and real Sendmail.
#
#   Tests/e2e/run.sh PATH/TO/optout-milter     the suite against the milter (as root)
#   Tests/e2e/run.sh --self-test               the same cases against a C no-op libmilter
#                                              milter, to check the harness itself (the
#                                              policy cases need the policy: not run)
#   E2E_TEST_MODE=1 Tests/e2e/run.sh PATH/TO/optout-milter
#                                              every case against `run --test-mode`: the policy
#                                              cases' messages ask for the edits the policy
#                                              would make, which checks how the harness sees
#                                              the MTA side (sink envelope, hold queue,
#                                              quarantine, 550s) independently of the policy
#   E2E_ONLY='postfix policy_metrics' Tests/e2e/run.sh PATH/TO/optout-milter
#                                              only the cases whose "MTA case" matches the regex
#
# Each case builds its own private MTA instance (Postfix in a temp dir, or Sendmail unpacked
# from Debian's packages and run in its own mount namespace) on 127.0.0.1, relaying to
# smtp-sink, and runs in its own process under a time limit. Prints PASS/FAIL per case and
# ends with "N passed, N failed"; exits non-zero if any case failed.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
for lib in common sink postfix sendmail milter mta opendkim assert cases cases_policy cases_metrics cases_unsubscribe cases_faults; do
    source "$HERE/lib/$lib.sh"
done

CASE_LIMIT=${E2E_CASE_LIMIT:-240}   # seconds: a case that takes longer fails

# A child invocation: run.sh --case MTA CASE [ARG]; everything else is in the environment.
if [ "${1:-}" = "--case" ]; then
    MTA=$2 CASE_NAME="$2 $3${4:+ $4}"
    # A command that fails outside a condition ends the case (set -e): say which one, so such
    # an end is a FAIL line like any other rather than a bare status.
    set -E
    trap 'E2E_FAILED_AT="line $LINENO: $BASH_COMMAND"' ERR
    trap 'status=$?; [ -n "${VERDICT:-}" ] || echo "FAIL $CASE_NAME: stopped by a failed command (${E2E_FAILED_AT:-status $status})"; run_cleanup' EXIT
    "case_$3" "${@:4}"
    fail "case ended without a verdict"
fi

usage() { echo "usage: $0 PATH/TO/optout-milter | --self-test" >&2; exit 64; }
[ $# -eq 1 ] || usage
[ "$(id -u)" -eq 0 ] || die "run as root (private Postfix and Sendmail instances need it)"
for tool in postfix postconf postqueue smtp-sink swaks m4 unshare python3 dpkg apt-get; do
    command -v "$tool" >/dev/null || die "$tool not found: run scripts/install-deps.sh"
done

make_run_dir optout-e2e
if [ "$1" = "--self-test" ]; then
    cc -O2 -o "$RUN/noop-milter" "$E2E_REPO/Benchmarks/e2e/noop-milter.c" -lmilter ||
        die "cannot build the C no-op milter"
    export MILTER_NOOP=$RUN/noop-milter
else
    [ -x "$1" ] || die "not an executable: $1"
    export MILTER_BIN MILTER_CONFIG=$RUN/optout-milter.yaml
    MILTER_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    milter_write_config "$MILTER_CONFIG"
fi
sm_fetch   # download once, outside the per-case time limit

passed=0 failed=0
run_case() {
    local status=0
    # E2E_ONLY=REGEX runs only the cases whose "MTA case" matches (while working on one case).
    [[ -z "${E2E_ONLY:-}" || "$*" =~ $E2E_ONLY ]] || return 0
    timeout --kill-after=10 "$CASE_LIMIT" bash "$0" --case "$@" || status=$?
    case $status in
        0) passed=$((passed + 1)) ;;
        1) failed=$((failed + 1)) ;;
        124 | 137) failed=$((failed + 1)); echo "FAIL $*: took more than ${CASE_LIMIT}s" ;;
        *) failed=$((failed + 1)); echo "FAIL $*: harness error (status $status)" ;;
    esac
}

for MTA in postfix sendmail; do
    run_case "$MTA" passes unix
    run_case "$MTA" passes tcp
    run_case "$MTA" milter_down
    run_case "$MTA" crash_restart
    run_case "$MTA" sigterm_under_load
done
run_case postfix local_submission   # Sendmail's local submission is its own MSP: not wired here

# The policy (issue 10): one case per action and per MTA. Not with the C no-op milter, which
# has no policy (the test mode, E2E_TEST_MODE=1, imitates it to check these cases' MTA side).
if [ -z "${MILTER_NOOP:-}" ]; then
    for MTA in postfix sendmail; do
        for policy_case in remove_recipient reject quarantine redirect tag monitor out_of_scope \
            service amex_quarantine amex_remove reload_under_load store_change; do
            run_case "$MTA" "policy_$policy_case"
        done
    done
    # Observability (issue 11): counters through the real Postfix, scraped by a real Prometheus.
    [ -n "$E2E_TEST_MODE" ] || run_case postfix policy_metrics
    # One-click unsubscribe (issue 12): OpenDKIM after the milter, the link POSTed, enforced.
    if [ -z "$E2E_TEST_MODE" ]; then
        for MTA in postfix sendmail; do run_case "$MTA" unsubscribe_dkim; done
        # Faults (issue 14): the audit disk fills up; SIGKILL under load with the policy on.
        for MTA in postfix sendmail; do
            run_case "$MTA" audit_disk_full
            run_case "$MTA" policy_sigkill_under_load
        done
        # Load (issue 14): 500 concurrent sessions through Postfix (E2E_LOAD_SECONDS, default 60).
        run_case postfix policy_load_500
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
