#!/usr/bin/env bash
# Compose stack benchmark (issue 21), one run: a 10-service stack (services FROM scratch: busybox-static) deployed
# through `rivetr serve` (`rivetr stacks deploy`) beside Debian's docker-compose v1 (`up -d`) on the same file in
# the same run, then an unchanged redeploy of each. Goals: first deploy <= 0.5x compose v1's time; an unchanged
# redeploy <= 300 ms with 0 containers recreated. Usage: bench/stacks.sh [build-dir]
# Everything it creates is named stackbench<run>*; the trap removes exactly that, also on failure or Ctrl-C.
set -euo pipefail

BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/$BUILD/cli/rivetr"
[ -x "$BIN" ] || { echo "build it first: scripts/build.sh release rivetr" >&2; exit 1; }
command -v docker-compose >/dev/null && command -v curl >/dev/null || { echo "needs docker-compose (v1, Debian) and curl" >&2; exit 1; }

RUN="stackbench$(date +%s)"
DATA=$(mktemp -d)
SERVE=""
IMAGE="$RUN/box:1"
cleanup() {
  [ -n "$SERVE" ] && kill "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null || true
  docker-compose -p "${RUN}v1" -f "$DATA/compose.yaml" down -v >/dev/null 2>&1 || true
  docker ps -aq --filter "label=com.docker.compose.project=${RUN}r" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker network rm "${RUN}r_default" >/dev/null 2>&1 || true
  docker rmi -f "$IMAGE" >/dev/null 2>&1 || true
  rm -rf "$DATA"
  echo "removed the stacks ${RUN}r and ${RUN}v1, the image $IMAGE and $DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$DATA/image"
cp /bin/busybox "$DATA/image/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["sleep", "3600"]\n' >"$DATA/image/Dockerfile"
docker build -q -t "$IMAGE" "$DATA/image" >/dev/null

# Ten services: one database-like root, four that depend on it, five independent ones.
{
  echo "services:"
  for i in $(seq 1 10); do
    echo "  s$i:"
    echo "    image: $IMAGE"
    echo "    init: true"
    echo "    stop_grace_period: 1s"
    echo "    environment: {INDEX: \"$i\"}"
    if [ "$i" -ge 2 ] && [ "$i" -le 5 ]; then echo "    depends_on: [s1]"; fi
  done
} >"$DATA/compose.yaml"

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT=$(port)
RIVETR_SERVER_DATA_DIR="$DATA/serve" RIVETR_SERVER_API_PORT=$API_PORT RIVETR_SERVER_PROXY_PORT=$(port) \
  RIVETR_SERVER_PROXY_HTTPS_PORT=$(port) RIVETR_LOGGING_LEVEL=warn "$BIN" serve >"$DATA/serve.log" 2>&1 &
SERVE=$!
export RIVETR_URL="http://127.0.0.1:$API_PORT"
for _ in $(seq 100); do curl -sf "$RIVETR_URL/health" >/dev/null && break; sleep 0.1; done
export RIVETR_TOKEN=$(cat "$DATA/serve/admin_token")

ms() { date +%s%3N; }
timed() { local t0; t0=$(ms); "$@" >"$DATA/last.out" 2>&1 || { cat "$DATA/last.out" >&2; exit 1; }; echo $(( $(ms) - t0 )); }

R_FIRST=$(timed "$BIN" stacks deploy "${RUN}r" --file "$DATA/compose.yaml")
C_FIRST=$(timed docker-compose -p "${RUN}v1" -f "$DATA/compose.yaml" up -d)
R_AGAIN=$(timed "$BIN" stacks deploy "${RUN}r")
RECREATED=$("$BIN" stacks deploy "${RUN}r" --json | python3 -c 'import json,sys; print(sum(s["outcome"] != "unchanged" for s in json.load(sys.stdin)["services"]))')
C_AGAIN=$(timed docker-compose -p "${RUN}v1" -f "$DATA/compose.yaml" up -d)
# The engine's own floor on this machine: the same ten containers created and started in parallel by the docker CLI.
docker network create "${RUN}raw" >/dev/null
RAW_T0=$(ms)
RAW_PIDS=()
for i in $(seq 1 10); do docker run -d --init --network "${RUN}raw" --name "${RUN}raw$i" "$IMAGE" >/dev/null & RAW_PIDS+=($!); done
wait "${RAW_PIDS[@]}"  # not serve, also a child of this shell
RAW=$(( $(ms) - RAW_T0 ))
docker rm -f $(docker ps -aq --filter "name=${RUN}raw") >/dev/null
docker network rm "${RUN}raw" >/dev/null
RUNNING=$(docker ps -q --filter "label=com.docker.compose.project=${RUN}r" --filter status=running | wc -l)

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
echo "stack: 10 services FROM scratch (busybox-static), 4 of them depending on one; rivetr running: $RUNNING/10"
printf 'first deploy      rivetr %6d ms   docker-compose v1 %6d ms   ratio %s (goal <= 0.50)   raw docker run x10 in parallel %6d ms\n' \
  "$R_FIRST" "$C_FIRST" "$(ratio "$R_FIRST" "$C_FIRST")" "$RAW"
printf 'unchanged deploy  rivetr %6d ms   docker-compose v1 %6d ms   (goal <= 300 ms)   containers recreated: %d (goal 0)\n' \
  "$R_AGAIN" "$C_AGAIN" "$RECREATED"
