#!/usr/bin/env bash
# Proxy benchmark on loopback, one run: backend direct vs nginx (upstream keepalive) vs Rivetr, wrk at 50 and 200 connections.
# Usage: bench/proxy.sh [build-dir] [duration-seconds] [rounds]. Prints req/s, p50 and p99 side by side.
# With rounds > 1, nginx and Rivetr alternate that many times per connection count and a median line
# follows: on a box shared with other work, one run each mostly measures who got the CPU.
set -euo pipefail

BUILD=${1:-build-proxy}
DUR=${2:-10}
ROUNDS=${3:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/$BUILD/bench/rivetr-proxy-bench"
[ -x "$BIN" ] || { echo "build it first: make -C $BUILD rivetr-proxy-bench" >&2; exit 1; }
command -v nginx >/dev/null && command -v wrk >/dev/null || { echo "needs nginx and wrk (scripts/setup.sh)" >&2; exit 1; }

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
BACKEND=$(free_port); NGINX=$(free_port); RIVETR=$(free_port)

# nginx twice: as the backend (a small static answer) and as the reference proxy, both with every
# worker it would use by default, access logs off, and upstream keepalive for the proxy.
cat > "$WORK/backend.conf" <<CONF
worker_processes auto; pid $WORK/backend.pid; error_log $WORK/backend.err warn; daemon off;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$BACKEND reuseport; location / { default_type text/plain; return 200 "hello from the backend\n"; } } }
CONF
cat > "$WORK/proxy.conf" <<CONF
worker_processes auto; pid $WORK/proxy.pid; error_log $WORK/proxy.err warn; daemon off;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  upstream app { server 127.0.0.1:$BACKEND; keepalive 256; keepalive_requests 1000000; }
  server { listen 127.0.0.1:$NGINX reuseport;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } } }
CONF
nginx -p "$WORK" -c "$WORK/backend.conf" & PIDS+=($!)
nginx -p "$WORK" -c "$WORK/proxy.conf" & PIDS+=($!); NGINX_PID=$!
"$BIN" --port "$RIVETR" --route "bench.local=127.0.0.1:$BACKEND" > "$WORK/rivetr.log" 2>&1 & PIDS+=($!); RIVETR_PID=$!
for p in $BACKEND $NGINX $RIVETR; do
  for _ in $(seq 50); do curl -s -o /dev/null -H 'Host: bench.local' "http://127.0.0.1:$p/" && break; sleep 0.1; done
done

# CPU time (user+system clock ticks) of a process and its children: nginx's work is done by its workers.
cpu_ticks() {
  local t=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}

run() {  # name port conns [pid] -> "reqs p50 p99 [cpu µs per request]"
  local out before=0 after=0
  [ -n "${4:-}" ] && before=$(cpu_ticks "$4")
  out=$(wrk -t2 -c"$3" -d"${DUR}s" --latency -H 'Host: bench.local' "http://127.0.0.1:$2/")
  [ -n "${4:-}" ] && after=$(cpu_ticks "$4")
  local rps p50 p99 non2xx reqs cpu=""
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  # The CPU each proxied request cost the proxy: the figure a busy box cannot skew by taking the CPU away.
  [ -n "${4:-}" ] && cpu="cpu=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$reqs" \
    'BEGIN { printf "%.1fus/req", t / hz * 1e6 / n }')"
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
  printf "%-8s %6s  %10s  %9s  %9s  %s %s\n" "$1" "$3" "$rps" "$p50" "$p99" "$cpu" "${non2xx:+non-2xx=$non2xx}"
  echo "$1 $3 $rps $(to_ms "$p99")" >> "$WORK/results"
}

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; print n }'; }

median() {  # name conns column -> median of that column over the rounds
  awk -v n="$1" -v c="$2" -v k="$3" '$1 == n && $2 == c { print $k }' "$WORK/results" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

echo "loopback, wrk -t2 ${DUR}s, $(nproc) cores (other processes on the box compete for them)"
printf "%-8s %6s  %10s  %9s  %9s\n" target conns "req/s" p50 p99
for c in 50 200; do
  run direct "$BACKEND" "$c"
  for _ in $(seq "$ROUNDS"); do
    run nginx "$NGINX" "$c" "$NGINX_PID"
    run rivetr "$RIVETR" "$c" "$RIVETR_PID"
  done
  if [ "$ROUNDS" -gt 1 ]; then
    printf "median of %s at %s conns: nginx %.0f req/s p99 %.2f ms, rivetr %.0f req/s p99 %.2f ms, rivetr/nginx %.2fx\n" \
      "$ROUNDS" "$c" "$(median nginx "$c" 3)" "$(median nginx "$c" 4)" "$(median rivetr "$c" 3)" "$(median rivetr "$c" 4)" \
      "$(echo "$(median rivetr "$c" 3) / $(median nginx "$c" 3)" | bc -l)"
  fi
done
