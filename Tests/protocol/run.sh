#!/usr/bin/env bash
# Protocol tests: drives the built optout-milter through real libmilter with miltertest.
# Usage: Tests/protocol/run.sh path/to/optout-milter
# Each *.lua script gets a fresh milter on a private unix socket; its first line may say
# `-- args: ...` (extra `run` arguments, e.g. --test-mode) and its second `-- transport: tcp` (listen
# on a free loopback TCP port instead). After each script the milter must stop
# on SIGTERM with exit status 0 within 10 s. Prints one line per script and `N passed, N failed`.
set -uo pipefail

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 path/to/optout-milter" >&2
    exit 2
fi
command -v miltertest >/dev/null || { echo "miltertest is not installed (apt-get install miltertest)" >&2; exit 2; }

BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/optout-protocol.XXXXXX")
VERSION=$("$BIN" --version)
MILTER_PID=""

cleanup() {
    if [ -n "$MILTER_PID" ] && kill -0 "$MILTER_PID" 2>/dev/null; then
        kill -KILL "$MILTER_PID" 2>/dev/null
        wait "$MILTER_PID" 2>/dev/null
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

GROUP=$(id -gn)
cat >"$WORK/config.yaml" <<YAML
log_level: debug
drain_timeout: 5
socket_group: $GROUP
socket_mode: "0660"
suppression:
  store: sqlite:$WORK/suppressions.db
audit:
  path: $WORK/audit.jsonl
YAML
# One opted-out recipient for the production session's scripts.
"$BIN" suppress add --store "sqlite:$WORK/suppressions.db" optedout@example.net >/dev/null ||
    { echo "cannot create the suppression store" >&2; exit 2; }

# Starts the milter on SPEC; waits (bounded) for its socket to appear. A unix socket path starts
# out occupied by a stale socket (as after a crash): the milter must replace it.
start_milter() {
    local log=$1
    shift
    rm -f "$WORK/milter.sock"
    if [ "${SPEC#unix:}" != "$SPEC" ]; then
        python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$WORK/milter.sock"
    fi
    "$BIN" run --config "$WORK/config.yaml" --socket "$SPEC" "$@" >"$log" 2>&1 &
    MILTER_PID=$!
    for _ in $(seq 1 200); do
        if [ "${SPEC#unix:}" != "$SPEC" ]; then
            grep -qs "milter listening" "$log" && [ -S "$WORK/milter.sock" ] && return 0
        else
            grep -qs "milter listening" "$log" && return 0
        fi
        kill -0 "$MILTER_PID" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# A loopback TCP port nobody listens on.
free_port() {
    local port
    for _ in $(seq 1 50); do
        # Below Linux's ephemeral range (32768-60999), where outgoing connections take their ports.
        port=$((10000 + RANDOM % 20000))
        if ! ss -Htln "sport = :$port" | grep -q .; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# Sends SIGTERM (unless already gone) and checks the milter exits 0 within 10 s.
stop_milter() {
    kill -TERM "$MILTER_PID" 2>/dev/null
    local status=""
    for _ in $(seq 1 100); do
        if ! kill -0 "$MILTER_PID" 2>/dev/null; then
            wait "$MILTER_PID"
            status=$?
            break
        fi
        sleep 0.1
    done
    if [ -z "$status" ]; then
        kill -KILL "$MILTER_PID" 2>/dev/null
        wait "$MILTER_PID" 2>/dev/null
        MILTER_PID=""
        echo "milter did not exit within 10 s of SIGTERM"
        return 1
    fi
    MILTER_PID=""
    if [ "$status" -ne 0 ]; then
        echo "milter exited with status $status after SIGTERM"
        return 1
    fi
    return 0
}

passed=0
failed=0
for script in "$HERE"/*.lua; do
    name=$(basename "$script" .lua)
    [ "$name" = lib ] && continue
    args=$(sed -n '1s/^-- args:[[:space:]]*//p' "$script")
    log="$WORK/$name.milter.log"
    started=no
    for _ in 1 2 3; do # a TCP port can be taken between the check and the bind: try another
        SPEC="unix:$WORK/milter.sock"
        if sed -n '2p' "$script" | grep -q '^-- transport: tcp'; then
            SPEC="inet:$(free_port)@127.0.0.1"
        fi
        # shellcheck disable=SC2086 # args is a list of words
        if start_milter "$log" $args; then
            started=yes
            break
        fi
        wait "$MILTER_PID" 2>/dev/null
        MILTER_PID=""
    done
    if [ "$started" != yes ]; then
        echo "FAIL $name: the milter did not start"
        sed 's/^/    milter: /' "$log"
        failed=$((failed + 1))
        continue
    fi
    out=$(timeout 60 miltertest -D SOCK="$SPEC" -D VERSION="$VERSION" -D MILTER_PID="$MILTER_PID" \
        -D LIB="$HERE/lib.lua" -D LOG="$log" -D GROUP="$GROUP" -D AUDIT="$WORK/audit.jsonl" -s "$script" 2>&1)
    rc=$?
    stop_milter >"$WORK/stop.out"
    stop_rc=$?
    stop_out=$(cat "$WORK/stop.out")
    if [ $rc -eq 0 ] && [ $stop_rc -eq 0 ]; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name (miltertest status $rc)"
        [ -n "$out" ] && echo "$out" | sed 's/^/    /'
        [ -n "$stop_out" ] && echo "    $stop_out"
        sed 's/^/    milter: /' "$log" | tail -20
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
