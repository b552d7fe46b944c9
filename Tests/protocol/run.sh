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

# Privileges: started as root with user/group, the milter drops to them once its socket is open
# (every uid and gid of the process, real to saved) and can no longer read a root-only file (a
# reload that points the rules at one fails and names it). Started as root without them (every
# script above), it warns. Needs root, as CI and the e2e suite run.
check_privileges() {
    local dir=$WORK/privileges log=$WORK/privileges/milter.log status
    # This runs in a subshell ($(...)): stop its milter on any early return.
    trap '[ -n "$MILTER_PID" ] && kill -KILL "$MILTER_PID" 2>/dev/null' EXIT
    mkdir -p "$dir"
    printf 'version: 1\nextends: builtin\nrules: []\n' >"$dir/rules.yaml"
    cat >"$dir/config.yaml" <<YAML
user: nobody
group: nogroup
log_level: debug
suppression:
  store: sqlite:$dir/suppressions.db
classifier:
  rules: $dir/rules.yaml
audit:
  path: $dir/audit.jsonl
metrics:
  listen: ""
YAML
    "$BIN" suppress add --store "sqlite:$dir/suppressions.db" optedout@example.net >/dev/null || return 1
    # The store and audit directory belong to the user the milter becomes, as the unit sets up.
    chown -R nobody:nogroup "$dir"
    chmod 0711 "$WORK"
    "$BIN" run --config "$dir/config.yaml" --socket "unix:$dir/milter.sock" >"$log" 2>&1 &
    MILTER_PID=$!
    for _ in $(seq 1 200); do
        grep -qs "privileges dropped" "$log" && break
        kill -0 "$MILTER_PID" 2>/dev/null || { echo "the milter exited: $(tail -3 "$log")"; return 1; }
        sleep 0.05
    done
    status=$(grep -E '^(Uid|Gid|Groups):' "/proc/$MILTER_PID/status" | tr -s '\t ' ' ')
    [ "$status" = "Uid: 65534 65534 65534 65534
Gid: 65534 65534 65534 65534
Groups: 65534 " ] || { echo "credentials after the drop: $status"; return 1; }
    [ -S "$dir/milter.sock" ] || { echo "no socket at $dir/milter.sock"; return 1; }
    # A rule file only root may read: the reload must fail on it, naming it.
    install -m 0600 -o root -g root "$dir/rules.yaml" "$WORK/root-only-rules.yaml"
    sed -i "s|rules: $dir/rules.yaml|rules: $WORK/root-only-rules.yaml|" "$dir/config.yaml"
    kill -USR1 "$MILTER_PID"
    for _ in $(seq 1 200); do
        grep -qs "reload failed" "$log" && break
        sleep 0.05
    done
    grep "reload failed" "$log" | grep "root-only-rules.yaml" | grep -qi "permission" ||
        { echo "no failed reload naming the root-only file: $(grep -i reload "$log" | tail -2)"; return 1; }
    stop_milter || return 1
    grep -q "running as root: set user" "$WORK/verdicts.milter.log" ||
        { echo "no warning when run as root without user"; return 1; }
    grep -q "running as root" "$log" && { echo "warned although user is set"; return 1; }
    return 0
}
# run_check NAME: runs check_NAME (which works in $WORK/NAME), counts PASS or FAIL, and on a
# failure shows the end of that milter's log.
run_check() {
    local out
    if out=$("check_$1" 2>&1); then
        echo "PASS $1"
        passed=$((passed + 1))
    else
        echo "FAIL $1: $out"
        [ -f "$WORK/$1/milter.log" ] && sed 's/^/    milter: /' "$WORK/$1/milter.log" | tail -20
        failed=$((failed + 1))
    fi
}
if [ "$(id -u)" -ne 0 ]; then
    echo "privileges: not checked (needs root; CI runs it)"
else
    run_check privileges
fi

# No secret in the logs or in `config check`: the metrics token and the unsubscribe key are set,
# the daemon runs at trace level through start, a served unsubscribe (a good and a forged link),
# a reload and a stop; neither value, nor the address the link carries, may appear.
check_secrets() {
    local dir=$WORK/secrets log=$WORK/secrets/milter.log port token key url
    trap '[ -n "$MILTER_PID" ] && kill -KILL "$MILTER_PID" 2>/dev/null' EXIT
    mkdir -p "$dir"
    chmod 0700 "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    token=metrics-secret-$RANDOM$RANDOM
    "$BIN" unsubscribe keygen "$dir/unsubscribe.key" >/dev/null || return 1
    key=$(cat "$dir/unsubscribe.key")
    cat >"$dir/config.yaml" <<YAML
log_level: trace
suppression:
  store: sqlite:$dir/suppressions.db
audit:
  path: $dir/audit.jsonl
metrics:
  listen: ""
  token: $token
unsubscribe:
  url: http://127.0.0.1:$port/u/
  listen: 127.0.0.1:$port
  keys: [$dir/unsubscribe.key]
YAML
    "$BIN" config check "$dir/config.yaml" >"$dir/check.txt" 2>&1 || { echo "config check: $(cat "$dir/check.txt")"; return 1; }
    url=$("$BIN" unsubscribe token --config "$dir/config.yaml" secret-holder@example.net | sed -n 's/^url: //p')
    [ -n "$url" ] || { echo "no unsubscribe url"; return 1; }
    "$BIN" run --config "$dir/config.yaml" --socket "unix:$dir/milter.sock" >"$log" 2>&1 &
    MILTER_PID=$!
    for _ in $(seq 1 200); do
        grep -qs "milter listening" "$log" && curl -s -o /dev/null "http://127.0.0.1:$port/" && break
        kill -0 "$MILTER_PID" 2>/dev/null || { echo "the milter exited: $(tail -3 "$log")"; return 1; }
        sleep 0.05
    done
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data 'List-Unsubscribe=One-Click' "$url")" = 200 ] ||
        { echo "the unsubscribe POST failed"; return 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data 'List-Unsubscribe=One-Click' "${url%?????}AAAAA")" = 400 ] ||
        { echo "a forged link was not refused"; return 1; }
    kill -USR1 "$MILTER_PID"
    for _ in $(seq 1 200); do
        grep -qs "policy reloaded" "$log" && break
        sleep 0.05
    done
    stop_milter || return 1
    local secret
    for secret in "$token" "$key" "${key%?}" secret-holder "${url##*/}"; do
        if grep -qF -- "$secret" "$log" "$dir/check.txt"; then
            echo "a secret appears: $(grep -F -- "$secret" "$log" "$dir/check.txt" | head -2)"
            return 1
        fi
    done
    grep -q "unsubscribed" "$log" || { echo "the log does not show the unsubscribe it served"; return 1; }
    return 0
}
run_check secrets

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
