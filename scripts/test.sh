#!/usr/bin/env bash
# One command from a fresh clone to every test: install packages, start dockerd if absent, build,
# run unit + integration + end-to-end tests, then the unit tests again under ASan+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
./scripts/ensure-dockerd.sh

jobs="${JOBS:-$(nproc)}"

echo "== build (release)"
./scripts/build.sh release
echo "== tests (unit, integration, e2e)"
ctest --test-dir build --output-on-failure --parallel "$jobs" --timeout 600

echo "== unit tests under ASan+UBSan"
./scripts/build.sh asan unit_tests
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure --parallel "$jobs" -L unit
