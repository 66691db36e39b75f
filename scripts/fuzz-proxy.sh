#!/usr/bin/env bash
# Builds the proxy's request-path fuzz target (requests, and answers for the response fast path) with clang + libFuzzer (ASan/UBSan) and runs it for a bounded time.
# Usage: scripts/fuzz-proxy.sh [seconds=60]. Exit status is libFuzzer's: non-zero on a crash (reproducer in the out dir).
set -euo pipefail
SECS=${1:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/build-proxy-fuzz"
mkdir -p "$OUT/corpus"
SRC=(fuzz_request.cpp route_table.cpp route_builder.cpp target.cpp forward_headers.cpp header_writer.cpp response_head.cpp error_page.cpp
     challenges.cpp body_framer.cpp request_target.cpp)
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$ROOT" \
  "${SRC[@]/#/$ROOT/proxy/}" -o "$OUT/fuzz_request" -lpthread
# A few valid requests and answers as seeds so the fuzzer starts past the first line.
printf 'GET / HTTP/1.1\r\nHost: app.example.com\r\n\r\n' > "$OUT/corpus/get"
printf 'POST /x HTTP/1.1\r\nHost: a.example.com:80\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive, X-A\r\n\r\n5\r\nhello\r\n0\r\n\r\n' > "$OUT/corpus/chunked"
printf 'POST /e HTTP/1.1\r\nHost: a.example.com\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n' > "$OUT/corpus/chunked-empty-pipelined"
printf 'POST /t HTTP/1.1\r\nHost: a.example.com\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n1\r\nd\r\n0\r\nX-T: 1\r\n\r\n' > "$OUT/corpus/chunked-trailer"
printf 'GET /ws HTTP/1.1\r\nHost: ext.example.org\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nAccept: text/html\r\n\r\n' > "$OUT/corpus/upgrade"
printf 'HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 5\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\nhello' > "$OUT/corpus/response"
printf 'HTTP/1.0 404 Not Found\r\ncontent-length: 0\r\nX-A:  b \r\n\r\n' > "$OUT/corpus/response10"
cd "$OUT"
./fuzz_request -max_total_time="$SECS" -max_len=8192 -print_final_stats=1 corpus
