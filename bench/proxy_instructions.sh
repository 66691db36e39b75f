#!/usr/bin/env bash
# CPU cost per proxied request, counted (not timed) so it is repeatable on a busy box: callgrind's
# user-space instructions and strace's syscalls per request, for Rivetr's proxy and for nginx.
# Usage: [CONNS=n] bench/proxy_instructions.sh [build-dir] [wrk-seconds] [rivetr|nginx|both]
set -euo pipefail

BUILD=${1:-build-proxy}
DUR=${2:-5}
CONNS=${CONNS:-10}  # open connections; many of them keep many requests (and their memory) in flight at once
WHICH=${3:-both}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/$BUILD/bench/rivetr-proxy-bench"
[ -x "$BIN" ] || { echo "build it first: make -C $BUILD rivetr-proxy-bench" >&2; exit 1; }
for t in valgrind callgrind_control strace nginx wrk; do
  command -v "$t" >/dev/null || { echo "needs $t (scripts/setup.sh)" >&2; exit 1; }
done

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
BACKEND=$(free_port)
wait_http() { for _ in $(seq 200); do curl -s -o /dev/null -H 'Host: bench.local' "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; return 1; }

cat > "$WORK/backend.conf" <<CONF
worker_processes 1; pid $WORK/backend.pid; error_log $WORK/backend.err warn; daemon off;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 "hello from the backend\n"; } } }
CONF
nginx -p "$WORK" -c "$WORK/backend.conf" & PIDS+=($!)
wait_http "$BACKEND"

# One worker each: valgrind runs one thread at a time anyway, and a count per request does not
# depend on how many workers share the load.
proxy_conf() {
  cat > "$WORK/proxy.conf" <<CONF
worker_processes 1; master_process off; pid $WORK/proxy.pid; error_log $WORK/proxy.err warn; daemon off;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  upstream app { server 127.0.0.1:$BACKEND; keepalive 256; keepalive_requests 1000000; }
  server { listen 127.0.0.1:$1;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } } }
CONF
}

load() {  # port -> completed requests
  wrk -t1 -c"$CONNS" -d"${DUR}s" -H 'Host: bench.local' "http://127.0.0.1:$1/" | awk '/requests in/ {print $1}'
}

measure_callgrind() {  # name port cmd... -> instructions per request
  local name=$1 port=$2; shift 2
  valgrind --tool=callgrind --callgrind-out-file="$WORK/$name.cg" --dump-instr=no "$@" >"$WORK/$name.out" 2>&1 &
  local pid=$!
  wait_http "$port"
  wrk -t1 -c"$CONNS" -d1s -H 'Host: bench.local' "http://127.0.0.1:$port/" >/dev/null  # warm pools and caches
  callgrind_control -z "$pid" >/dev/null
  local n; n=$(load "$port")
  callgrind_control -d "$pid" >/dev/null
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local ir; ir=$(cat "$WORK/$name".cg.* | awk '/^summary:/ {s+=$2} END {print s}')
  printf "%-8s callgrind  %8d requests  %8.0f instructions/request\n" "$name" "$n" "$(echo "$ir / $n" | bc -l)"
  [ -z "${KEEP:-}" ] || cp "$WORK/$name".cg.* "${KEEP}/"
}

measure_syscalls() {  # name port cmd...
  local name=$1 port=$2; shift 2
  strace -f -c -o "$WORK/$name.strace" "$@" >/dev/null 2>&1 &
  local pid=$!
  wait_http "$port"
  local n; n=$(load "$port")
  kill "$(pgrep -P "$pid")"; wait "$pid" 2>/dev/null || true  # end the traced program; strace then reports
  local calls; calls=$(awk '/^100.00/ {print $4}' "$WORK/$name.strace")
  printf "%-8s strace     %8d requests  %8.2f syscalls/request (includes start-up)\n" "$name" "$n" "$(echo "$calls / $n" | bc -l)"
  [ -z "${VERBOSE:-}" ] || sort -k4 -n -r "$WORK/$name.strace" | head -12
}

run_rivetr() {
  local port; port=$(free_port)
  measure_callgrind rivetr "$port" "$BIN" --workers 1 --port "$port" --route "bench.local=127.0.0.1:$BACKEND"
  port=$(free_port)
  measure_syscalls rivetr "$port" "$BIN" --workers 1 --port "$port" --route "bench.local=127.0.0.1:$BACKEND"
}
run_nginx() {
  local port; port=$(free_port); proxy_conf "$port"
  measure_callgrind nginx "$port" nginx -p "$WORK" -c "$WORK/proxy.conf"
  port=$(free_port); proxy_conf "$port"
  measure_syscalls nginx "$port" nginx -p "$WORK" -c "$WORK/proxy.conf"
}

case "$WHICH" in
  rivetr) run_rivetr ;;
  nginx) run_nginx ;;
  *) run_rivetr; run_nginx ;;
esac
