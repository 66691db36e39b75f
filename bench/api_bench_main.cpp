// API benchmark: latency of GET /api/apps with 1,000 apps stored, through a real `rivetr serve`,
// next to GET /health on the same server and connection (the floor of the HTTP stack itself).
#include <nlohmann/json.hpp>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "bench/bench_support.hpp"
#include "core/http_client.hpp"

namespace {

using namespace std::chrono_literals;
namespace test = rivetr::test;

constexpr const char* kToken = "api-bench-admin-token-0123456789abcdefgh";

// Sequential requests on one keep-alive connection; returns per-request latencies in µs.
// `gzip`: ask for gzip as browsers and the CLI do (libcurl inflates; `bytes` counts what arrived).
std::vector<double> measure(const std::string& url, int count, std::size_t& bytes, bool gzip = false) {
    rivetr::http::Client client;
    rivetr::http::Request req;
    req.url = url;
    req.headers = {"Authorization: Bearer " + std::string(kToken), "Connection: keep-alive"};  // Pistache closes without it
    if (gzip) req.acceptEncoding = "gzip";
    req.onData = [&bytes](std::string_view chunk) { bytes += chunk.size(); };
    std::vector<double> us;
    for (int i = 0; i < count; ++i) {
        bytes = 0;
        auto t0 = std::chrono::steady_clock::now();
        if (!client.perform(req).ok()) throw std::runtime_error("request failed: " + url);
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    return us;
}

using rivetr::bench::percentile;

}  // namespace

int main(int argc, char** argv) {
    int apps = argc > 1 ? std::atoi(argv[1]) : 1000;
    int requests = argc > 2 ? std::atoi(argv[2]) : 1000;
    test::TempDir work("rivetr-api-bench");
    int port = test::freePort();
    // Measuring latency, not the limiter.
    auto server = rivetr::bench::spawnServe(work, port, kToken, {{"RIVETR_AUTH_RATE_LIMIT_PER_MINUTE", "0"}});
    auto base = "http://127.0.0.1:" + std::to_string(port);
    if (!test::waitForHttp(base + "/health", 200, 30s)) return 1;
    for (int i = 0; i < apps; ++i) {
        test::HttpRequest req;
        req.method = "POST";
        req.url = base + "/api/apps";
        req.headers = {"Authorization: Bearer " + std::string(kToken), "Content-Type: application/json"};
        auto name = "app-" + std::to_string(i);
        req.body = nlohmann::json{{"name", name}, {"git_url", "https://git.example.com/team/" + name + ".git"},
                                  {"port", 3000}, {"domains", {name + ".example.com"}}}
                       .dump();
        if (auto r = test::http(req); r.status != 201) {
            std::fprintf(stderr, "creating %s: %ld %s\n", name.c_str(), r.status, r.body.c_str());
            return 1;
        }
    }
    std::size_t bytes = 0;
    measure(base + "/api/apps", 50, bytes);  // warm-up
    auto list = measure(base + "/api/apps", requests, bytes);
    std::size_t listBytes = bytes;
    measure(base + "/api/apps", 50, bytes, true);  // warm-up (and the compressed variant is cached)
    auto gzipped = measure(base + "/api/apps", requests, bytes, true);
    auto health = measure(base + "/health", requests, bytes);
    std::printf("GET /api/apps with %d apps (%zu KB per answer), %d sequential requests, one keep-alive connection\n",
                apps, listBytes / 1024, requests);
    std::printf("  %-14s p50 %7.2f ms  p99 %7.2f ms   (Accept-Encoding: gzip, as browsers and the CLI send)\n",
                "/api/apps gzip", percentile(gzipped, 0.5) / 1000, percentile(gzipped, 0.99) / 1000);
    std::printf("  %-14s p50 %7.2f ms  p99 %7.2f ms   (no Accept-Encoding)\n", "/api/apps", percentile(list, 0.5) / 1000,
                percentile(list, 0.99) / 1000);
    std::printf("  %-14s p50 %7.2f ms  p99 %7.2f ms   (reference: same server, no work)\n", "/health",
                percentile(health, 0.5) / 1000, percentile(health, 0.99) / 1000);
    auto status = test::readFile("/proc/" + std::to_string(server.pid()) + "/status");
    auto rss = status.find("VmRSS:");
    std::printf("  server RSS after the run: %s\n",
                rss == std::string::npos ? "?" : status.substr(rss + 6, status.find('\n', rss) - rss - 6).c_str());
    server.signal(SIGTERM);
    server.wait(15s);
    return 0;
}
