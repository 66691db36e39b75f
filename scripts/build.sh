#!/usr/bin/env bash
# Configures and builds one flavour of Rivetr: release (default), asan (ASan+UBSan) or tsan.
# Usage: scripts/build.sh [release|asan|tsan] [make targets...]
set -euo pipefail
cd "$(dirname "$0")/.."

flavour="${1:-release}"
shift || true
case "$flavour" in
  release) dir=build;      flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  asan)    dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DRIVETR_SANITIZE=ON) ;;
  tsan)    dir=build-tsan; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DRIVETR_TSAN=ON) ;;
  *) echo "build.sh: unknown flavour '$flavour' (release|asan|tsan)" >&2; exit 2 ;;
esac

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/rivetr-ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
# Paths relative to the checkout, so a fresh clone elsewhere (CI) still hits the cache.
export CCACHE_BASEDIR="$PWD"
export CCACHE_NOHASHDIR=true
jobs="${JOBS:-$(nproc)}"

cmake -S . -B "$dir" "${flags[@]}" >/dev/null
if (($#)); then
  cmake --build "$dir" --parallel "$jobs" --target "$@"
else
  cmake --build "$dir" --parallel "$jobs"
fi
