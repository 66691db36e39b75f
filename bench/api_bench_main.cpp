// API benchmark: latency of GET /api/apps with 1,000 apps stored, through a real `rivetr serve`,
// next to GET /health on the same server and connection (the floor of the HTTP stack itself).
#include <nlohmann/json.hpp>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "bench/bench_support.hpp"

namespace {

using namespace std::chrono_literals;
namespace test = rivetr::test;

constexpr const char* kToken = "api-bench-admin-token-0123456789abcdefgh";

// Sequential requests on one keep-alive connection as the admin; per-request latencies in µs.
std::vector<double> measure(const std::string& url, int count, std::size_t& bytes, bool gzip = false) {
    return rivetr::bench::measureGets(url, kToken, count, bytes, gzip);
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
    std::printf("  server RSS after the run: %ld kB\n", test::rssKb(server.pid()));
    server.signal(SIGTERM);
    server.wait(15s);
    return 0;
}
