// Containers benchmark (issue 19): GET /api/containers?all=true with 500 containers on the local engine,
// beside `docker ps -a` on the same engine in the same run, serve's RSS, and the dashboard's containers
// page (bench/containers_page.mjs). Run through bench/containers.sh, which removes what this creates.
// Options: --run <label value> (required) --containers N --running N --requests N --ps-runs N --page <script>
// --page-runs N, and --reuse: measure the containers a run labelled <label value> left (profiling a fix).
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "bench/bench_support.hpp"
#include "core/log.hpp"
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
    bool reuse = false;      // measure the containers an earlier run left (kept for profiling a fix)
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        if (k == "--reuse") {
            o.reuse = true;
            continue;
        }
        if (i + 1 == argc) throw std::invalid_argument(k + " needs a value");
        std::string v = argv[++i];
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

// CPU time (user + system) process `pid` has used so far, in ms; 0 when it cannot be read.
double cpuMs(int pid) {
    auto stat = pid > 0 ? test::readFile("/proc/" + std::to_string(pid) + "/stat") : "";
    auto paren = stat.rfind(')');  // after "pid (comm)" the fields are plain: state is field 3
    if (paren == std::string::npos) return 0;
    std::istringstream fields(stat.substr(paren + 1));
    std::string f;
    long ticks = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i)
        if (i == 14 || i == 15) ticks += std::stol(f);  // utime, stime
    return static_cast<double>(ticks) * 1000 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// dockerd's pid, for the engine's CPU per call; -1 when it is not the local daemon's pid file.
int enginePid() {
    auto text = test::readFile("/var/run/docker.pid");
    return text.empty() ? -1 : std::atoi(text.c_str());
}

// Latencies of one series of calls, and the CPU each call cost serve and the engine: the figures a box
// busy with other work cannot inflate the way it inflates wall time.
struct Series {
    std::vector<double> us;
    double serveCpuMs = 0, engineCpuMs = 0;  // per call
};

template <typename Calls>
Series timed(int servePid, int requests, Calls calls) {
    double serve0 = cpuMs(servePid), engine0 = cpuMs(enginePid());
    Series s{calls(), 0, 0};
    s.serveCpuMs = (cpuMs(servePid) - serve0) / requests;
    s.engineCpuMs = (cpuMs(enginePid()) - engine0) / requests;
    return s;
}

struct ApiFigures {
    double coldMs = 0;
    Series plain, gzip, engine;
    std::size_t bytes = 0;
};

// The engine's own list, GET /containers/json?all=1 over its socket as rivetr asks it: the floor under
// rivetr's figure (docker ps -a adds a process start and the CLI's formatting).
std::vector<double> measureEngine(int requests) {
    rivetr::http::Request req;
    req.url = "http://docker/containers/json?all=1";
    req.unixSocket = test::dockerSocket();
    req.ignoreProxyEnv = true;
    std::size_t bytes = 0;
    rivetr::bench::timeRequests(req, 10, bytes);  // warm-up
    return rivetr::bench::timeRequests(req, requests, bytes);
}

// Fails unless the answer lists exactly the bench's containers (and maybe others).
void checkListed(const test::HttpResponse& r, const Options& o) {
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    int ours = 0;
    if (r.status == 200 && body.contains("containers"))
        for (const auto& c : body["containers"]) ours += c["labels"].value(kLabel, "") == o.run;
    if (ours != o.containers)
        throw std::runtime_error("GET /api/containers listed " + std::to_string(ours) + " of the bench's " +
                                 std::to_string(o.containers) + " containers (status " + std::to_string(r.status) + ")");
}

// The first call on a fresh server (nothing warm but the engine), then `requests` sequential calls on one
// keep-alive connection, plain and with gzip as browsers ask, then the engine's own list as often.
ApiFigures measureApi(const std::string& base, int servePid, const Options& o) {
    ApiFigures f;
    auto url = base + "/api/containers?all=true";
    auto t0 = Clock::now();
    auto first = test::httpGet(url, {"Authorization: Bearer " + std::string(kToken)});
    f.coldMs = ms(Clock::now() - t0);
    checkListed(first, o);
    std::size_t gzBytes = 0;
    rivetr::bench::measureGets(url, kToken, 10, f.bytes);  // warm-up
    f.plain = timed(servePid, o.requests, [&] { return rivetr::bench::measureGets(url, kToken, o.requests, f.bytes); });
    rivetr::bench::measureGets(url, kToken, 10, gzBytes, true);
    f.gzip = timed(servePid, o.requests, [&] { return rivetr::bench::measureGets(url, kToken, o.requests, gzBytes, true); });
    f.engine = timed(servePid, o.requests, [&] { return measureEngine(o.requests); });
    return f;
}

const char* verdict(bool ok) { return ok ? "ok" : "MISSED"; }

void printSeries(const char* name, const Series& s, const char* note) {
    std::printf("  %-26s p50 %7.2f ms  p99 %7.2f ms   cpu/call: serve %5.2f ms, dockerd %5.2f ms   %s\n", name,
                percentile(s.us, 0.5) / 1000, percentile(s.us, 0.99) / 1000, s.serveCpuMs, s.engineCpuMs, note);
}

void printApi(const ApiFigures& f, const std::vector<double>& ps, int listed, const Options& o) {
    std::printf("GET /api/containers?all=true, %d containers listed by the engine (%d of the bench: %d running, "
                "%d exited, %d created), %zu KB per answer, %d sequential calls on one keep-alive connection\n",
                listed, o.containers, o.running, (o.containers - o.running + 1) / 2, (o.containers - o.running) / 2,
                f.bytes / 1024, o.requests);
    std::printf("  %-26s %8.2f ms   (the first call after start, fresh connection)\n", "rivetr, cold call", f.coldMs);
    double p99 = percentile(f.plain.us, 0.99) / 1000;
    std::string goal = "goal p99 <= " + std::to_string(static_cast<int>(kApiGoalMs)) + " ms: " + verdict(p99 <= kApiGoalMs);
    printSeries("rivetr /api/containers", f.plain, goal.c_str());
    printSeries("rivetr, gzip", f.gzip, "(Accept-Encoding: gzip, as browsers send)");
    printSeries("engine API, direct", f.engine, "(reference: the engine's own /containers/json)");
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
    if (!o.reuse) createContainers(*rt, buildImage(*rt, work, o), o);
    std::printf("created %d containers in %.1f s\n", o.reuse ? 0 : o.containers, ms(Clock::now() - t0) / 1000);
    int port = test::freePort();
    auto server = rivetr::bench::spawnServe(work, port, kToken, {{"RIVETR_AUTH_RATE_LIMIT_PER_MINUTE", "0"}});
    auto base = "http://127.0.0.1:" + std::to_string(port);
    if (!test::waitForHttp(base + "/health", 200, 30s)) throw std::runtime_error("rivetr serve did not start");
    auto api = measureApi(base, server.pid(), o);
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
    rivetr::log::setLevel(rivetr::log::Level::warn);  // the bench's own output is its figures
    try {
        return bench(parse(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "containers bench: %s\n", e.what());
        return 2;
    }
}
