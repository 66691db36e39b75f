#!/usr/bin/env bash
# Volume backup/restore benchmark (issue 20), one run: a volume of SIZE_MB (default 1024; half text, half
# random) backed up and restored through `rivetr serve`, beside `docker run --rm -v VOL:/v HELPER tar czf -
# -C /v .` (and `tar xzf -` for the restore) of the same volume in the same run, with serve's RSS growth.
# Goal: within 1.2x of the reference; RSS growth under 20 MB. Usage: bench/volumes.sh [build-dir] [size-mb]
# Everything it creates is named volbench-<run>-*; the trap removes exactly that, also on failure or Ctrl-C.
set -euo pipefail

BUILD=${1:-build}
SIZE_MB=${2:-1024}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/$BUILD/cli/rivetr"
[ -x "$BIN" ] || { echo "build it first: scripts/build.sh release rivetr" >&2; exit 1; }
command -v docker >/dev/null && command -v curl >/dev/null || { echo "needs docker.io and curl" >&2; exit 1; }

RUN="volbench-$(date +%s)-$$"
DATA=$(mktemp -d)
SERVE=""
cleanup() {
  [ -n "$SERVE" ] && kill "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null || true
  for v in src dst ref; do docker volume rm -f "$RUN-$v" >/dev/null 2>&1 || true; done
  rm -rf "$DATA"
  echo "removed the volumes $RUN-* and $DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT=$(port)
RIVETR_SERVER_DATA_DIR="$DATA" RIVETR_SERVER_API_PORT=$API_PORT RIVETR_SERVER_PROXY_PORT=$(port) \
  RIVETR_SERVER_PROXY_HTTPS_PORT=$(port) RIVETR_LOGGING_LEVEL=warn "$BIN" serve >"$DATA/serve.log" 2>&1 &
SERVE=$!
URL="http://127.0.0.1:$API_PORT"
for _ in $(seq 100); do curl -sf "$URL/health" >/dev/null && break; sleep 0.1; done
AUTH="Authorization: Bearer $(cat "$DATA/admin_token")"

docker volume create "$RUN-src" >/dev/null
curl -sf -H "$AUTH" "$URL/api/volumes/$RUN-src/browse" >/dev/null  # builds the helper image on first use
HELPER=$(docker images --format '{{.Repository}}:{{.Tag}}' rivetr-volume-helper | head -1)
FILES=$((SIZE_MB / 64))
echo "filling $RUN-src with $FILES files of 64 MB (half text, half random)"
docker run --rm -v "$RUN-src:/v" "$HELPER" /bin/busybox sh -c \
  'i=0; while [ $i -lt "$1" ]; do if [ $((i % 2)) = 0 ]; then /bin/busybox yes "rivetr volume benchmark line $i" |
   /bin/busybox head -c 67108864 > /v/text$i; else /bin/busybox head -c 67108864 /dev/urandom > /v/rand$i; fi;
   i=$((i + 1)); done' sh "$FILES"

rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVE/status"; }
# Runs "$@" while sampling serve's RSS every 100 ms; prints "seconds peak_growth_kb".
measure() {
  local base peak=0 start end sampler
  base=$(rss)
  ( while sleep 0.1; do rss; done ) >"$DATA/rss" &
  sampler=$!
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  peak=$(sort -n "$DATA/rss" | tail -1)
  echo "$(echo "$end - $start" | bc) $(( ${peak:-$base} - base ))"
}

# The helper image holds /bin/busybox alone (no applet links), so tar cannot exec "gzip": pipe the two.
ref_backup() {
  docker run --rm -v "$RUN-src:/v" "$HELPER" /bin/busybox sh -c '/bin/busybox tar cf - -C /v . | /bin/busybox gzip -c' \
    >"$DATA/ref.tar.gz"
}
ref_restore() {
  docker volume create "$RUN-ref" >/dev/null
  docker run --rm -i -v "$RUN-ref:/v" "$HELPER" /bin/busybox sh -c '/bin/busybox gzip -dc | /bin/busybox tar xf - -C /v' \
    <"$DATA/ref.tar.gz"
}
rivetr_backup() { curl -sf -H "$AUTH" -o "$DATA/rivetr.tar.gz" "$URL/api/volumes/$RUN-src/backup"; }
rivetr_restore() {
  curl -sf -H "$AUTH" -H "Content-Type: application/gzip" --data-binary "@$DATA/rivetr.tar.gz" \
    "$URL/api/volumes/$RUN-dst/restore?create=1" >/dev/null
}

read -r RB _ < <(measure ref_backup)
read -r VB VBRSS < <(measure rivetr_backup)
read -r RR _ < <(measure ref_restore)
read -r VR VRRSS < <(measure rivetr_restore)

report() {  # name rivetr_s reference_s rss_kb
  local ratio
  ratio=$(echo "scale=2; $2 / $3" | bc)
  printf '%-8s rivetr %6.1f s (%5.0f MB/s)   docker run tar %6.1f s (%5.0f MB/s)   ratio %s (goal <= 1.20%s)   serve RSS +%s KB (goal < 20480%s)\n' \
    "$1" "$2" "$(echo "$SIZE_MB / $2" | bc -l)" "$3" "$(echo "$SIZE_MB / $3" | bc -l)" "$ratio" \
    "$( (( $(echo "$ratio > 1.2" | bc) )) && echo ', MISSED' || true)" "$4" "$( (( $4 >= 20480 )) && echo ', MISSED' || true)"
}
echo "volume: $SIZE_MB MB; archive: $(du -m "$DATA/rivetr.tar.gz" | cut -f1) MB (reference $(du -m "$DATA/ref.tar.gz" | cut -f1) MB)"
report backup "$VB" "$RB" "$VBRSS"
report restore "$VR" "$RR" "$VRRSS"
