#!/usr/bin/env bash
# Requests per second of the one-click unsubscribe endpoint, measured with wrk on loopback
# against a running `optout-milter run` (its real SQLite store), one path after another:
#
#   GET  /u/TOKEN         the confirmation page (verify the token, answer a fixed page)
#   POST /u/TOKEN         a repeated one-click POST (verify, one indexed read, no write)
#   POST /u/BAD           a forged token (400, no store access)
#   POST /u/NEW-TOKEN...  first POSTs of distinct tokens (verify, read, one SQLite write each,
#                         and the store watcher rebuilding the snapshot as they land)
#
#   bash Benchmarks/unsubscribe/bench.sh .build/release/optout-milter
#   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_WRITES=2000 ...
#
# wrk and the milter share this machine's cores: the figures are what one box does with both.
set -euo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SECONDS_EACH=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WRITES=${BENCH_WRITES:-2000}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }

DIR=$(mktemp -d /tmp/optout-unsub-bench.XXXXXX)
PID=
cleanup() { [ -z "$PID" ] || kill "$PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" unsubscribe keygen "$DIR/unsubscribe.key" >/dev/null
cat >"$DIR/optout-milter.yaml" <<YAML
socket: unix:$DIR/milter.sock
log_level: warning
suppression:
  store: sqlite:$DIR/suppressions.db
audit:
  path: ""
metrics:
  listen: ""
unsubscribe:
  url: http://127.0.0.1:$PORT/u/
  listen: 127.0.0.1:$PORT
  keys: [$DIR/unsubscribe.key]
YAML
"$BIN" run --config "$DIR/optout-milter.yaml" 2>"$DIR/milter.log" &
PID=$!
for _ in $(seq 200); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
    sleep 0.05
done

token() { "$BIN" unsubscribe token --config "$DIR/optout-milter.yaml" "$1" | sed -n 's/^token: //p'; }
ONE=$(token bench-one@example.org)
curl -s -o /dev/null -X POST --data 'List-Unsubscribe=One-Click' "http://127.0.0.1:$PORT/u/$ONE"

cat >"$DIR/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "List-Unsubscribe=One-Click"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
# Distinct tokens, one list per wrk thread; a thread stops when its list is used up.
echo "making $WRITES tokens..." >&2
for ((i = 0; i < WRITES; i++)); do token "bench-$i@example.org"; done >"$DIR/tokens.txt"
# First POSTs of distinct tokens: each request a write, so the run ends when the tokens do;
# timed here (wrk would divide by its fixed duration).
writes() {
    python3 - "$PORT" "$DIR/tokens.txt" "$CONNECTIONS" <<'PY'
import http.client, sys, threading, time
port, tokens, workers = int(sys.argv[1]), open(sys.argv[2]).read().split(), int(sys.argv[3])
latencies, failures, lock = [], [], threading.Lock()
def work(mine):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    for token in mine:
        started = time.perf_counter()
        connection.request("POST", "/u/" + token, "List-Unsubscribe=One-Click",
                           {"Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        with lock:
            latencies.append(time.perf_counter() - started)
            if response.status != 200:
                failures.append(response.status)
threads = [threading.Thread(target=work, args=(tokens[i::workers],)) for i in range(workers)]
started = time.perf_counter()
for thread in threads: thread.start()
for thread in threads: thread.join()
elapsed = time.perf_counter() - started
latencies.sort()
p = lambda q: "%.2fms" % (latencies[int(q * (len(latencies) - 1))] * 1000)
print("%-28s %10.2f req/s   p50 %8s   p99 %8s   %s" % ("POST new (one write each)", len(tokens) / elapsed,
      p(0.5), p(0.99), "%d not 200" % len(failures) if failures else "all 2xx"))
PY
}

rate() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
run() {   # run NAME wrk-args...
    local name=$1
    shift
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$@" >"$DIR/$name.txt"
    printf '%-28s %10s req/s   p50 %8s   p99 %8s   %s\n' "$name" "$(rate "$DIR/$name.txt")" \
        "$(awk '$1 == "50%" { print $2 }' "$DIR/$name.txt")" "$(awk '$1 == "99%" { print $2 }' "$DIR/$name.txt")" \
        "$(grep -h 'Non-2xx' "$DIR/$name.txt" || echo 'all 2xx')"
}
echo "wrk -t2 -c$CONNECTIONS, ${SECONDS_EACH}s each, $(nproc) cores shared with the milter"
run "GET page" "http://127.0.0.1:$PORT/u/$ONE"
run "POST repeated (no write)" -s "$DIR/post.lua" "http://127.0.0.1:$PORT/u/$ONE"
run "POST forged (400)" -s "$DIR/post.lua" "http://127.0.0.1:$PORT/u/${ONE%?????}AAAAA"
writes
echo "store after the run:"
"$BIN" suppress stats --store "sqlite:$DIR/suppressions.db" | head -3
