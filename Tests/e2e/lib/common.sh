# Shared helpers for the end-to-end harness and the e2e benchmark: logging, bounded waits,
# free ports, cleanup. Sourced, never executed. Every wait here is a bounded poll: nothing
# synchronises on a fixed sleep.

E2E_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
E2E_REPO="$(cd "$E2E_LIB/../../.." && pwd)"
export LC_ALL=C  # join/sort/comm must agree on one collation

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 2; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.05 s until it succeeds.
# Returns 1 (and says what it waited for) when SECONDS pass first.
wait_until() {
    local limit=$1 what=$2; shift 2
    local now=${EPOCHREALTIME/./}
    local deadline=$((now + limit * 1000000))
    while ! "$@" 2>/dev/null; do
        now=${EPOCHREALTIME/./}
        if [ "$now" -ge "$deadline" ]; then
            log "timed out after ${limit}s waiting for: $what"
            return 1
        fi
        sleep 0.05
    done
}

# elapsed_ms START: milliseconds since START (a value of ${EPOCHREALTIME/./}).
elapsed_ms() { echo $(((${EPOCHREALTIME/./} - $1) / 1000)); }

# free_port: a TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# port_listening PORT: true when something accepts connections on 127.0.0.1:PORT (bash's
# /dev/tcp: no interpreter to start on every poll).
port_listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# unix_socket_listening PATH: true when a process accepts connections on the unix socket PATH.
unix_socket_listening() {
    python3 - "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(1)
try:
    s.connect(sys.argv[1])
except OSError:
    sys.exit(1)
PY
}

# Cleanup actions run in reverse order of registration on any exit (normal, error, signal).
E2E_CLEANUP=()
on_exit() { E2E_CLEANUP+=("$*"); }
run_cleanup() {
    local i
    for ((i = ${#E2E_CLEANUP[@]} - 1; i >= 0; i--)); do
        eval "${E2E_CLEANUP[$i]}" >/dev/null 2>&1 || true
    done
    E2E_CLEANUP=()
}
trap run_cleanup EXIT
trap 'exit 130' INT TERM

# stop_pid PID SECONDS: SIGTERM, then SIGKILL if PID is still alive after SECONDS.
stop_pid() {
    local pid=$1 limit=${2:-10}
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    wait_until "$limit" "pid $pid to exit" pid_gone "$pid" || kill -KILL "$pid" 2>/dev/null
    return 0
}
pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# make_run_dir PREFIX: creates a fresh temporary directory, removed on exit, and sets RUN to
# it. (Not a $(...) function: a cleanup registered in a subshell would be lost.) It is
# world-traversable so the postfix user (smtpd) can reach milter sockets inside it.
make_run_dir() {
    RUN=$(mktemp -d "/tmp/${1:-optout-e2e}.XXXXXX")
    chmod 755 "$RUN"
    on_exit "rm -rf '$RUN'"
}
