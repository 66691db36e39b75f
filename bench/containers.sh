#!/usr/bin/env bash
# Containers benchmark (issue 19), one run: 500 containers on the local engine, GET /api/containers p50/p99
# and its cold call beside `docker ps -a`, serve's RSS, and the containers page's time to a full list in
# Chromium. Usage: bench/containers.sh [build-dir] [containers] [requests].
# Everything it creates carries the label rivetr.bench=<this run>; the trap removes exactly that, also
# when the run fails or is interrupted.
set -euo pipefail

BUILD=${1:-build}
COUNT=${2:-500}
REQUESTS=${3:-200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/$BUILD/bench/rivetr-containers-bench"
[ -x "$BIN" ] || { echo "build it first: scripts/build.sh release rivetr-containers-bench" >&2; exit 1; }
command -v docker >/dev/null || { echo "needs Debian's docker CLI (docker.io)" >&2; exit 1; }
PAGE=(--page "$ROOT/bench/containers_page.mjs")
if [ ! -d "$ROOT/frontend/dist" ] || [ ! -d "$ROOT/frontend/node_modules/playwright-core" ]; then
  echo "the page is measured against the built dashboard: cd frontend && npm install && npm run build" >&2
  exit 1
fi

RUN="containers-$(date +%s)-$$"
cleanup() {
  local ids
  ids=$(docker ps -aq --filter "label=rivetr.bench=$RUN")
  # argv only: ids go to docker rm in batches, in parallel.
  if [ -n "$ids" ]; then xargs -n 50 -P 4 docker rm --force --volumes <<<"$ids" >/dev/null; fi
  ids=$(docker images -q --filter "label=rivetr.bench=$RUN")
  if [ -n "$ids" ]; then xargs docker rmi --force <<<"$ids" >/dev/null; fi
  echo "removed the containers and the image labelled rivetr.bench=$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN" --run "$RUN" --containers "$COUNT" --running $((COUNT / 5)) --requests "$REQUESTS" "${PAGE[@]}"
