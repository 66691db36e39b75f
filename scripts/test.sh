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
echo "== dashboard (npm install from the lock, build)"
# Not `npm ci`: npm 11 writes locks without the other platforms' optional rollup/esbuild
# packages, and `npm ci` then refuses them as out of sync; `npm install` honours the same lock.
(cd frontend && npm install --no-audit --no-fund --prefer-offline && npm run build)
echo "== tests (unit, integration, e2e)"
# A test that fails is run once more before the run fails: the integration tests share one
# dockerd and two cores with everything else. Each retry is printed; a flaky test is still a bug.
ctest --test-dir build --output-on-failure --parallel "$jobs" --timeout 600 --repeat until-pass:2

echo "== unit tests under ASan+UBSan"
./scripts/build.sh asan unit_tests
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure --parallel "$jobs" -L unit
