# Starting and stopping the milter under test. Sourced after common.sh.
#
# MILTER_BIN is the optout-milter binary; with MILTER_NOOP set to a built noop-milter instead,
# the harness checks itself against stock C libmilter (run.sh --self-test).

# milter_write_config FILE: an optout-milter configuration as deployed next to Postfix: the
# socket's group is postfix, so smtpd (running as postfix) can connect.
milter_write_config() {
    cat >"$1" <<'YAML'
socket_group: postfix
socket_mode: "0660"
on_internal_error: tempfail
drain_timeout: 5
log_level: info
YAML
}

# milter_start RUN_DIR SPEC: starts the milter under test on SPEC (unix:/abs/path or
# inet:PORT@127.0.0.1) and waits (bounded) until it accepts connections.
milter_start() {
    if [ -n "${MILTER_NOOP:-}" ]; then
        milter_launch "$1" "$2" "$MILTER_NOOP" -a -p "$2"
    else
        milter_launch "$1" "$2" "$MILTER_BIN" run ${MILTER_CONFIG:+--config "$MILTER_CONFIG"} --socket "$2"
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
    case $spec in
        unix:*) wait_until 15 "milter on $spec" unix_socket_listening "${spec#unix:}" ;;
        inet:*) local p=${spec#inet:}; wait_until 15 "milter on $spec" port_listening "${p%@*}" ;;
    esac || { tail -20 "$MILTER_LOG" >&2; return 1; }
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
