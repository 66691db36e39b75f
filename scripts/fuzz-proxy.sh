#!/usr/bin/env bash
# Builds the proxy's request-path fuzz target with clang + libFuzzer (ASan/UBSan) and runs it for a bounded time.
# Usage: scripts/fuzz-proxy.sh [seconds=60]. Exit status is libFuzzer's: non-zero on a crash (reproducer in the out dir).
set -euo pipefail
SECS=${1:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/build-proxy-fuzz"
mkdir -p "$OUT/corpus"
SRC=(fuzz_request.cpp route_table.cpp route_builder.cpp target.cpp forward_headers.cpp header_writer.cpp error_page.cpp challenges.cpp)
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$ROOT" \
  "${SRC[@]/#/$ROOT/proxy/}" -o "$OUT/fuzz_request" -lpthread
# A few valid requests as seeds so the fuzzer starts past the request line.
printf 'GET / HTTP/1.1\r\nHost: app.example.com\r\n\r\n' > "$OUT/corpus/get"
printf 'POST /x HTTP/1.1\r\nHost: a.example.com:80\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive, X-A\r\n\r\n5\r\nhello\r\n0\r\n\r\n' > "$OUT/corpus/chunked"
printf 'GET /ws HTTP/1.1\r\nHost: ext.example.org\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nAccept: text/html\r\n\r\n' > "$OUT/corpus/upgrade"
cd "$OUT"
./fuzz_request -max_total_time="$SECS" -max_len=8192 -print_final_stats=1 corpus
