# The receiving end: Postfix's smtp-sink on 127.0.0.1, one dump file per delivered message.
# Sourced after common.sh.

# sink_start DIR [nodump]: starts smtp-sink on a free port; sets SINK_PORT, SINK_DIR, SINK_PID.
# It keeps one file per message in SINK_DIR, unless "nodump" (benchmarks: no disk writes).
sink_start() {
    SINK_DIR=$1/sink
    mkdir -p "$SINK_DIR"
    chown nobody "$SINK_DIR"    # smtp-sink writes its dumps after dropping to -u nobody
    SINK_PORT=$(free_port)
    local dump=(-d "$SINK_DIR/msg.")
    [ "${2:-}" = nodump ] && dump=()
    smtp-sink -u nobody "${dump[@]}" "127.0.0.1:$SINK_PORT" 1024 \
        >"$SINK_DIR.log" 2>&1 &
    SINK_PID=$!
    on_exit "stop_pid $SINK_PID 5"
    wait_until 10 "smtp-sink on port $SINK_PORT" port_listening "$SINK_PORT"
}

# sink_count: how many messages the sink has received.
sink_count() { find "$SINK_DIR" -type f -name 'msg.*' | wc -l; }

# sink_files_with TEXT: dump files containing TEXT (a fixed string).
sink_files_with() { grep -rlF -- "$1" "$SINK_DIR" 2>/dev/null || true; }

# sink_tokens: every X-E2E-Token value received, one per line.
sink_tokens() {
    grep -rh '^X-E2E-Token:' "$SINK_DIR" 2>/dev/null | awk '{print $2}' | tr -d '\r' || true
}
