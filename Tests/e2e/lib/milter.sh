# Starting and stopping the milter under test. Sourced after common.sh.
#
# MILTER_BIN is the optout-milter binary; with MILTER_NOOP set to a built noop-milter instead,
# the harness checks itself against stock C libmilter (run.sh --self-test).

# Which daemon runs: MILTER_BIN is optout-milter with its policy (the default); with
# E2E_TEST_MODE=1 it runs `run --test-mode` (headers of each message choose its edits, see
# Sources/OptOutMilter/TestModeSession.swift) and the policy cases send the edits the policy
# would make, which checks the harness's MTA-side detection without the policy; with
# MILTER_NOOP it is the C no-op milter (run.sh --self-test).
E2E_TEST_MODE=${E2E_TEST_MODE:-}

# milter_header: the header the milter under test adds to every message it filters in scope.
milter_header() {
    if [ -n "${MILTER_NOOP:-}" ] || [ -n "$E2E_TEST_MODE" ]; then
        echo X-OptOut-Milter
    else
        echo X-OptOut-Policy
    fi
}

# milter_write_config FILE: an optout-milter configuration as deployed next to Postfix (the
# socket's group is postfix, so smtpd, running as postfix, can connect) with the policy's keys
# as issue 10 gives them. The store and the audit file are FILE's siblings (suppressions.db,
# audit.jsonl; PC_STORE, a store URL, and PC_AUDIT name others); a missing sibling store is
# created with one entry that no case sends to. PC_UNSUBSCRIBE_PORT turns one-click unsubscribe
# on (its endpoint on that loopback port, a new key in the directory). The PC_*
# variables a case sets change the keys named after them. The metrics listener is off unless a
# case gives it a port (PC_METRICS_LISTEN), so that cases never compete for the default 9187.
milter_write_config() {
    local dir networks
    dir=$(dirname "$1")
    [ -n "${PC_STORE:-}" ] || [ -f "$dir/suppressions.db" ] ||
        "$MILTER_BIN" suppress add --store "sqlite:$dir/suppressions.db" nobody-sends-here@e2e-unused.example \
            >"$dir/store-create.log" 2>&1 || { cat "$dir/store-create.log" >&2; return 1; }
    networks=${PC_NETWORKS:-'[127.0.0.0/8, "::1/128"]'}   # quoted: a bare "::" confuses YAML
    cat >"$1" <<YAML
socket_group: postfix
socket_mode: "0660"
on_internal_error: tempfail
drain_timeout: 5
log_level: ${PC_LOG_LEVEL:-info}
mode: ${PC_MODE:-enforce}
outbound:
  authenticated: true
  daemons: [ORIGINATING]
  networks: $networks
suppression:
  store: ${PC_STORE:-sqlite:$dir/suppressions.db}
  refresh_interval: ${PC_REFRESH:-2}
scan: ${PC_SCAN:-always}
classifier:
  rules: builtin
  threshold: 5.0
  uncertain_band: 1.0
declared:
  header: X-Message-Category
  remove_header: true
  service_senders: ${PC_SERVICE_SENDERS:-[]}
actions:
  suppressed: "${PC_SUPPRESSED:-remove-recipient}"
  all_suppressed: ${PC_ALL_SUPPRESSED:-reject}
  mislabelled: ${PC_MISLABELLED:-quarantine}
  uncertain: tag
  reject_text: "${PC_REJECT_TEXT:-5.7.1 Recipient has opted out of marketing mail}"
header: X-OptOut-Policy
audit:
  path: ${PC_AUDIT:-$dir/audit.jsonl}
  recipients: plain
metrics:
  listen: "${PC_METRICS_LISTEN:-}"
YAML
    # One-click unsubscribe when a case gives the endpoint a port: a fresh key beside the file.
    if [ -n "${PC_UNSUBSCRIBE_PORT:-}" ]; then
        [ -f "$dir/unsubscribe.key" ] || "$MILTER_BIN" unsubscribe keygen "$dir/unsubscribe.key" >/dev/null || return 1
        cat >>"$1" <<YAML
unsubscribe:
  url: http://127.0.0.1:$PC_UNSUBSCRIBE_PORT/u/
  mailto: unsubscribe@northwind-e2e.example
  listen: 127.0.0.1:$PC_UNSUBSCRIBE_PORT
  keys: [$dir/unsubscribe.key]
  scope: marketing
  headers: ${PC_UNSUBSCRIBE_HEADERS:-add-if-missing}
YAML
    fi
}

# milter_start RUN_DIR SPEC: starts the milter under test on SPEC (unix:/abs/path or
# inet:PORT@127.0.0.1) and waits (bounded) until it accepts connections.
milter_start() {
    if [ -n "${MILTER_NOOP:-}" ]; then
        milter_launch "$1" "$2" "$MILTER_NOOP" -a -p "$2"
    else
        milter_launch "$1" "$2" "$MILTER_BIN" run ${MILTER_CONFIG:+--config "$MILTER_CONFIG"} --socket "$2" \
            ${E2E_TEST_MODE:+--test-mode}
    fi
}

# milter_launch RUN_DIR SPEC COMMAND...: runs COMMAND (a milter listening on SPEC) in the
# background, logging to RUN_DIR/milter.log; waits (bounded) until SPEC accepts connections.
# Sets MILTER_PID and MILTER_LOG.
milter_launch() {
    local dir=$1 spec=$2; shift 2
    MILTER_LOG=$dir/milter.log
    "$@" >>"$MILTER_LOG" 2>&1 &
    MILTER_PID=$!
    on_exit "stop_pid $MILTER_PID 15"
    wait_until 15 "milter on $spec" milter_listening "$spec" || { tail -20 "$MILTER_LOG" >&2; return 1; }
    kill -0 "$MILTER_PID" 2>/dev/null || { tail -20 "$MILTER_LOG" >&2; return 1; }
}

# milter_listening SPEC: true when SPEC accepts connections, and also (to end the wait early)
# when the milter has exited; milter_launch tells the two apart.
milter_listening() {
    kill -0 "$MILTER_PID" 2>/dev/null || return 0
    case $1 in
        unix:*) unix_socket_listening "${1#unix:}" ;;
        inet:*) local p=${1#inet:}; port_listening "${p%@*}" ;;
    esac
}

# milter_spec RUN_DIR KIND: a fresh socket spec of KIND (unix or tcp) for a milter.
milter_spec() {
    case $2 in
        unix) echo "unix:$1/milter.sock" ;;
        tcp) echo "inet:$(free_port)@127.0.0.1" ;;
    esac
}

# milter_term SECONDS: sends SIGTERM and waits up to SECONDS for the milter to exit. Sets
# MILTER_EXIT (exit status, or "none" if still running) and MILTER_STOP_MS.
milter_term() {
    local limit=$1 t0=${EPOCHREALTIME/./}
    kill -TERM "$MILTER_PID"
    if wait_until "$limit" "milter $MILTER_PID to exit after SIGTERM" pid_gone "$MILTER_PID"; then
        MILTER_STOP_MS=$(elapsed_ms "$t0")
        wait "$MILTER_PID" && MILTER_EXIT=0 || MILTER_EXIT=$?
    else
        MILTER_STOP_MS=$(elapsed_ms "$t0") MILTER_EXIT=none
        kill -KILL "$MILTER_PID" 2>/dev/null
    fi
}
