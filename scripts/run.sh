#!/usr/bin/env bash
# One command from a fresh clone to a running Rivetr: install packages, build, start dockerd if
# absent, then `rivetr serve` with the embedded defaults (SQLite under ./data). Extra args go to serve.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
./scripts/build.sh release rivetr
# The dashboard is served from frontend/dist; without it `/` says how to build it.
(cd frontend && npm install --no-audit --no-fund --prefer-offline && npm run build)
./scripts/ensure-dockerd.sh

# Ports below 1024 need root: a developer running this as themselves gets the proxy on 8000.
if [ "$(id -u)" -ne 0 ] && [ -z "${RIVETR_SERVER_PROXY_PORT:-}" ] && [ ! -f rivetr.toml ]; then
  export RIVETR_SERVER_PROXY_PORT=8000
  echo "run.sh: not root, so the proxy listens on :8000 (set RIVETR_SERVER_PROXY_PORT to change)"
fi
exec ./build/cli/rivetr serve "$@"
