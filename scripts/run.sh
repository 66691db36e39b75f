#!/usr/bin/env bash
# One command from a fresh clone to a running Rivetr: install packages, build, start dockerd if
# absent, then `rivetr serve` with the embedded defaults (SQLite under ./data). Extra args go to serve.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
./scripts/build.sh release rivetr
./scripts/ensure-dockerd.sh
exec ./build/cli/rivetr serve "$@"
