// API under upload load: GET /health latency from a fifth client while four clients each keep
// uploading a body to POST /webhooks/github, beside an idle baseline from the same run and server.
// Goal (issue 16 §3): p99 under 50 ms while four clients push 10 MB each.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "bench/bench_support.hpp"
#include "tests/support/raw_http.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace test = rivetr::test;

// Sequential GET /health on one keep-alive connection for `duration`; latencies in ms.
std::vector<double> healthLatencies(int port, std::chrono::milliseconds duration) {
    test::RawConnection c(port);
    std::vector<double> ms;
    for (auto end = Clock::now() + duration; Clock::now() < end;) {
        auto t0 = Clock::now();
        c.send("GET /health HTTP/1.1\r\nHost: api\r\nConnection: keep-alive\r\n\r\n");
        if (c.readResponse(60s).status != 200) throw std::runtime_error("GET /health failed");
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return ms;
}

struct Uploads {
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::map<int, int> statuses;  // answer status → count (0: none, connection cut)
    std::atomic<std::size_t> bytesSent{0};
};

// One client: uploads `size`-byte bodies back to back, each on a new connection, until told to stop.
void uploader(int port, std::size_t size, Uploads& u) {
    while (!u.stop) {
        test::RawConnection c(port);
        c.send("POST /webhooks/github HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nX-GitHub-Event: "
               "push\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n");
        if (c.sendFiller(size)) u.bytesSent += size;
        auto status = c.readResponse(60s).status;
        std::lock_guard lock(u.mutex);
        ++u.statuses[status];
    }
}

void report(const char* label, const std::vector<double>& ms) {
    std::printf("  %-34s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%zu requests)\n", label,
                rivetr::bench::percentile(ms, 0.5), rivetr::bench::percentile(ms, 0.99),
                rivetr::bench::percentile(ms, 1.0), ms.size());
}

void underLoad(int port, std::size_t size, std::chrono::milliseconds duration) {
    Uploads u;
    std::vector<std::thread> clients;
    for (int i = 0; i < 4; ++i) clients.emplace_back(uploader, port, size, std::ref(u));
    std::this_thread::sleep_for(100ms);  // the uploads are under way
    auto t0 = Clock::now();
    auto ms = healthLatencies(port, duration);
    auto seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    u.stop = true;
    for (auto& t : clients) t.join();
    auto label = "/health, 4 x " + std::to_string(size / 1024) + " KiB uploads";
    report(label.c_str(), ms);
    std::string statuses;
    for (auto [status, n] : u.statuses) statuses += " " + std::to_string(n) + "x" + std::to_string(status);
    std::printf("    uploads answered:%s; %.0f MB/s sent by the four clients\n", statuses.c_str(),
                static_cast<double>(u.bytesSent) / 1e6 / seconds);
}

}  // namespace

int main(int argc, char** argv) {
    std::chrono::milliseconds phase(argc > 1 ? std::atoi(argv[1]) * 1000 : 5000);
    test::TempDir work("rivetr-api-upload-bench");
    int port = test::freePort();
    // Anonymous /health from one address: the per-address limiter would answer 429 instead.
    auto server = rivetr::bench::spawnServe(work, port, "api-upload-bench-token-0123456789abcdefgh",
                                            {{"RIVETR_AUTH_ANONYMOUS_RATE_LIMIT_PER_MINUTE", "1000000"}});
    if (!test::waitForHttp("http://127.0.0.1:" + std::to_string(port) + "/health", 200, 30s)) return 1;
    std::printf("GET /health from a fifth client, back to back on one keep-alive connection, %lld s a phase\n",
                static_cast<long long>(phase.count() / 1000));
    healthLatencies(port, 200ms);  // warm-up
    report("/health, idle", healthLatencies(port, phase));
    underLoad(port, 10 * 1024 * 1024, phase);  // over the webhook limit: refused from the headers
    underLoad(port, 1000 * 1024, phase);       // within it: read, parsed and answered by the handler
    report("/health, idle again", healthLatencies(port, phase));
    server.signal(SIGTERM);
    server.wait(15s);
    return 0;
}
