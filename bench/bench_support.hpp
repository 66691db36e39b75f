// What the API benchmarks share: a `rivetr serve` of their own on free ports, and percentiles.
#pragma once

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/http_client.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::bench {

// Starts `rivetr serve` with its data in `work`, the API on `apiPort`, the proxy on free ports, warn-level
// logs and the admin token `token`; `env` adds or overrides RIVETR_* keys.
inline Process spawnServe(const test::TempDir& work, int apiPort, const std::string& token,
                          const std::map<std::string, std::string>& env = {}) {
    SpawnOptions o;
    o.stdoutFile = work.path() / "serve.log";
    o.env = {{"RIVETR_SERVER_API_PORT", std::to_string(apiPort)},
             {"RIVETR_SERVER_HOST", "127.0.0.1"},
             {"RIVETR_SERVER_PROXY_PORT", std::to_string(test::freePort())},
             {"RIVETR_SERVER_PROXY_HTTPS_PORT", std::to_string(test::freePort())},
             {"RIVETR_SERVER_DATA_DIR", (work.path() / "data").string()},
             {"RIVETR_AUTH_ADMIN_TOKEN", token},
             {"RIVETR_LOGGING_LEVEL", "warn"}};
    for (const auto& [k, v] : env) o.env[k] = v;
    return Process::spawn({test::rivetrBinary().string(), "serve"}, o);
}

// `req` sent `count` times in sequence on one keep-alive connection; returns per-request latencies in µs.
// `bytes` counts what the last answer carried (after libcurl inflated it).
inline std::vector<double> timeRequests(http::Request req, int count, std::size_t& bytes) {
    http::Client client;
    req.onData = [&bytes](std::string_view chunk) { bytes += chunk.size(); };
    std::vector<double> us;
    for (int i = 0; i < count; ++i) {
        bytes = 0;
        auto t0 = std::chrono::steady_clock::now();
        if (!client.perform(req).ok()) throw std::runtime_error("request failed: " + req.url);
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    return us;
}

// Sequential GETs of `url` as `token` on one keep-alive connection; per-request latencies in µs.
// `gzip`: ask for gzip as browsers and the CLI do.
inline std::vector<double> measureGets(const std::string& url, const std::string& token, int count, std::size_t& bytes,
                                       bool gzip = false) {
    http::Request req;
    req.url = url;
    req.headers = {"Authorization: Bearer " + token, "Connection: keep-alive"};  // Pistache closes without it
    if (gzip) req.acceptEncoding = "gzip";
    return timeRequests(req, count, bytes);
}

// The p-th percentile (0..1) of `v`, by rank.
inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace rivetr::bench
