#!/usr/bin/env bash
# Deploy fetch figure: one-commit change on a ~5,000-commit repository through the per-app libgit2
# cache, against a fresh `git clone --depth 1 --no-local` of the same repository, in the same run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
make -C "$build" -j2 git_fetch_bench >/dev/null
"$build/core/git/git_fetch_bench"
