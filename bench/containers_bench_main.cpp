// Containers benchmark (issue 19): GET /api/containers?all=true with 500 containers on the local engine,
// beside `docker ps -a` on the same engine in the same run, serve's RSS, and the dashboard's containers
// page (bench/containers_page.mjs). Run through bench/containers.sh, which removes what this creates.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "bench/bench_support.hpp"
#include "runtime/container_runtime.hpp"
#include "tests/fixtures/fixture_image.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace test = rivetr::test;
namespace runtime = rivetr::runtime;
using rivetr::bench::percentile;

constexpr const char* kToken = "containers-bench-admin-token-0123456789ab";
constexpr const char* kLabel = "rivetr.bench";  // = the run's id; bench/containers.sh removes by it
constexpr double kApiGoalMs = 50, kPageGoalMs = 500;
constexpr long kRssGoalKb = 40 * 1024;

struct Options {
    std::string run;  // the value of the rivetr.bench label on everything this creates
    int containers = 500, running = 100, requests = 200, psRuns = 9, pageRuns = 5;
    std::string pageScript;  // empty: the page is not measured
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--run") o.run = v;
        else if (k == "--containers") o.containers = std::stoi(v);
        else if (k == "--running") o.running = std::stoi(v);
        else if (k == "--requests") o.requests = std::stoi(v);
        else if (k == "--ps-runs") o.psRuns = std::stoi(v);
        else if (k == "--page") o.pageScript = v;
        else if (k == "--page-runs") o.pageRuns = std::stoi(v);
        else throw std::invalid_argument("unknown option " + k);
    }
    if (o.run.empty()) throw std::invalid_argument("--run <id> is required (bench/containers.sh passes it)");
    return o;
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
double median(const std::vector<double>& v) { return percentile(v, 0.5); }

std::string buildImage(runtime::ContainerRuntime& rt, const test::TempDir& work, const Options& o) {
    test::writeBusyboxContext(work.path() / "image");
    runtime::BuildRequest b;
    b.contextDir = work.path() / "image";
    b.tags = {"rivetr-bench-containers:" + o.run};
    b.labels = {{kLabel, o.run}};
    rt.build(b);
    return b.tags[0];
}

// The mix a busy host has: `running` sleeping, the rest half exited (ran `true`) and half only created.
// Eight threads at once: the engine serialises much of it, but one at a time would take minutes.
void createContainers(runtime::ContainerRuntime& rt, const std::string& image, const Options& o) {
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    std::string error;
    auto worker = [&] {
        for (int i = next++; i < o.containers && !failed; i = next++) {
            runtime::ContainerSpec s;
            s.name = "rivetr-bench-" + o.run + "-" + std::to_string(i);
            s.image = image;
            s.labels = {{kLabel, o.run}};
            bool exits = i >= o.running && (i - o.running) % 2 == 0;
            s.entrypoint = {"/bin/busybox", i < o.running ? "sleep" : "true"};
            if (i < o.running) s.entrypoint.push_back("3600");
            try {
                i < o.running || exits ? rt.runContainer(s) : rt.createContainer(s);
            } catch (const std::exception& e) {
                if (!failed.exchange(true)) error = e.what();
            }
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
    if (failed) throw std::runtime_error("creating the containers: " + error);
}

// Wall time of Debian's `docker ps -a` on the same engine; checks it lists at least `atLeast` containers.
std::vector<double> dockerPs(int runs, int atLeast) {
    std::vector<double> out;
    rivetr::SpawnOptions quiet;
    quiet.mergeStderr = false;  // only rows are counted
    for (int i = 0; i < runs; ++i) {
        auto t0 = Clock::now();
        auto r = rivetr::run({"docker", "ps", "-a"}, quiet);
        out.push_back(ms(Clock::now() - t0));
        std::istringstream lines(r.output);
        int n = -1;  // the header
        for (std::string line; std::getline(lines, line);) ++n;
        if (r.exitCode != 0 || n < atLeast) throw std::runtime_error("docker ps -a: exit " + std::to_string(r.exitCode) + ", " + std::to_string(n) + " rows");
    }
    return out;
}

}  // namespace

namespace {

struct ApiFigures {
    double coldMs = 0;
    std::vector<double> plainUs, gzipUs;
    std::size_t bytes = 0;
};

// The first call on a fresh server (nothing warm but the engine), then `requests` sequential calls on one
// keep-alive connection, plain and with gzip as browsers ask. Checks the answer lists our containers.
ApiFigures measureApi(const std::string& base, const Options& o) {
    ApiFigures f;
    auto url = base + "/api/containers?all=true";
    auto t0 = Clock::now();
    auto first = test::httpGet(url, {"Authorization: Bearer " + std::string(kToken)});
    f.coldMs = ms(Clock::now() - t0);
    auto body = nlohmann::json::parse(first.body, nullptr, false);
    int ours = 0;
    if (first.status == 200 && body.contains("containers"))
        for (const auto& c : body["containers"]) ours += c["labels"].value(kLabel, "") == o.run;
    if (ours != o.containers)
        throw std::runtime_error("GET /api/containers listed " + std::to_string(ours) + " of the bench's " +
                                 std::to_string(o.containers) + " containers (status " + std::to_string(first.status) + ")");
    rivetr::bench::measureGets(url, kToken, 10, f.bytes);  // warm-up
    f.plainUs = rivetr::bench::measureGets(url, kToken, o.requests, f.bytes);
    std::size_t gzBytes = 0;
    rivetr::bench::measureGets(url, kToken, 10, gzBytes, true);
    f.gzipUs = rivetr::bench::measureGets(url, kToken, o.requests, gzBytes, true);
    return f;
}

const char* verdict(bool ok) { return ok ? "ok" : "MISSED"; }

void printApi(const ApiFigures& f, const std::vector<double>& ps, int listed, const Options& o) {
    auto p99 = [](const std::vector<double>& v) { return percentile(v, 0.99) / 1000; };
    std::printf("GET /api/containers?all=true, %d containers listed by the engine (%d of the bench: %d running, "
                "%d exited, %d created), %zu KB per answer\n",
                listed, o.containers, o.running, (o.containers - o.running + 1) / 2, (o.containers - o.running) / 2,
                f.bytes / 1024);
    std::printf("  %-26s %8.2f ms   (the first call after start, fresh connection)\n", "rivetr, cold call", f.coldMs);
    std::printf("  %-26s p50 %7.2f ms  p99 %7.2f ms   goal p99 <= %.0f ms: %s   (%d sequential, keep-alive)\n",
                "rivetr /api/containers", percentile(f.plainUs, 0.5) / 1000, p99(f.plainUs), kApiGoalMs,
                verdict(p99(f.plainUs) <= kApiGoalMs), o.requests);
    std::printf("  %-26s p50 %7.2f ms  p99 %7.2f ms   (Accept-Encoding: gzip, as browsers send)\n", "rivetr, gzip",
                percentile(f.gzipUs, 0.5) / 1000, p99(f.gzipUs));
    std::printf("  %-26s med %7.2f ms  max %7.2f ms   (reference: Debian's CLI, same engine, %zu runs, process start "
                "included)\n",
                "docker ps -a", median(ps), percentile(ps, 1.0), ps.size());
}

// bench/containers_page.mjs against this server; its lines are passed through. False when it failed.
bool measurePage(const std::string& base, const Options& o) {
    if (o.pageScript.empty()) {
        std::printf("  containers page: not measured (no --page)\n");
        return true;
    }
    auto r = rivetr::run({"node", o.pageScript, base, kToken, std::to_string(o.containers), std::to_string(o.pageRuns),
                          std::to_string(kPageGoalMs)});
    std::fputs(r.output.c_str(), stdout);
    if (r.exitCode != 0) std::printf("  containers page: FAILED (node exited %d, no figure)\n", r.exitCode);
    return r.exitCode == 0;
}

void printRss(const char* when, int pid) {
    long kb = test::rssKb(pid);
    std::printf("  %-26s %8.1f MB   goal <= %ld MB: %s\n", when, static_cast<double>(kb) / 1024, kRssGoalKb / 1024,
                verdict(kb >= 0 && kb <= kRssGoalKb));
}

int engineCount(runtime::ContainerRuntime& rt) {
    runtime::ContainerQuery all;
    all.all = true;
    return static_cast<int>(rt.queryContainers(all).size());
}

int bench(const Options& o) {
    test::TempDir work("rivetr-containers-bench");
    runtime::RuntimeOptions ro;
    ro.runtimeType = "docker";
    ro.dockerSocket = test::dockerSocket();
    auto rt = runtime::connectRuntime(ro);
    auto t0 = Clock::now();
    createContainers(*rt, buildImage(*rt, work, o), o);
    std::printf("created %d containers in %.1f s\n", o.containers, ms(Clock::now() - t0) / 1000);
    int port = test::freePort();
    auto server = rivetr::bench::spawnServe(work, port, kToken, {{"RIVETR_AUTH_RATE_LIMIT_PER_MINUTE", "0"}});
    auto base = "http://127.0.0.1:" + std::to_string(port);
    if (!test::waitForHttp(base + "/health", 200, 30s)) throw std::runtime_error("rivetr serve did not start");
    auto api = measureApi(base, o);
    auto ps = dockerPs(o.psRuns, o.containers);
    printApi(api, ps, engineCount(*rt), o);
    printRss("serve RSS after the API", server.pid());
    bool page = measurePage(base, o);
    if (!o.pageScript.empty()) printRss("serve RSS after the page", server.pid());
    std::printf("(%u cores shared with whatever else runs on this box: figures are noisy, run it twice)\n",
                std::thread::hardware_concurrency());
    server.signal(SIGTERM);
    server.wait(15s);
    return page ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return bench(parse(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "containers bench: %s\n", e.what());
        return 2;
    }
}
