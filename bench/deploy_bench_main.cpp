// Deploy benchmark: push→live through `rivetr serve` next to the same steps done by hand
// (git clone + docker build + docker run + first healthy answer), alternated in one run.
#include <nlohmann/json.hpp>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <thread>

#include "core/git/git_test_repo.hpp"
#include "core/subprocess.hpp"
#include "tests/fixtures/fixture_image.hpp"
#include "tests/support/test_support.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using rivetr::Process;
using rivetr::run;
namespace test = rivetr::test;

constexpr const char* kToken = "deploy-bench-admin-token-0123456789abcd";
constexpr int kHealthIntervalMs = 100;  // the same probe interval on both sides

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::string must(const std::vector<std::string>& argv) {
    auto r = run(argv);
    if (r.exitCode != 0) throw std::runtime_error(argv[0] + " " + argv[1] + " failed: " + r.output);
    auto out = r.output;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

void waitForBody(const std::string& url, const std::string& host, const std::string& body, int intervalMs) {
    auto end = Clock::now() + 120s;
    while (Clock::now() < end) {
        test::HttpRequest req;
        req.url = url;
        if (!host.empty()) req.headers = {"Host: " + host};
        req.timeout = 2s;
        auto r = test::http(req);
        if (r.status == 200 && (body.empty() || r.body == body)) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(intervalMs));
    }
    throw std::runtime_error("timed out waiting for " + url);
}

// The hand-made path: what a user scripting docker directly would do for one release.
double rawDeploy(const std::filesystem::path& work, const std::string& repoUrl, const std::string& tag) {
    auto dir = work / ("raw-" + tag);
    auto t0 = Clock::now();
    must({"git", "clone", "--quiet", "--depth", "1", "--no-local", repoUrl, dir.string()});
    must({"docker", "build", "--quiet", "--tag", "rivetr-bench-raw:" + tag, dir.string()});
    auto id = must({"docker", "run", "--detach", "--publish", "127.0.0.1::8000", "rivetr-bench-raw:" + tag});
    auto port = must({"docker", "port", id, "8000/tcp"});
    port = port.substr(0, port.find('\n'));  // "127.0.0.1:49153" (and maybe an IPv6 line after it)
    port = port.substr(port.rfind(':') + 1);
    waitForBody("http://127.0.0.1:" + port + "/health", "", "", kHealthIntervalMs);
    auto took = ms(Clock::now() - t0);
    run({"docker", "rm", "--force", id});
    run({"docker", "rmi", "--force", "rivetr-bench-raw:" + tag});
    return took;
}

struct Server {
    int api = test::freePort();
    int proxy = test::freePort();
    std::optional<Process> process;

    void start(const std::filesystem::path& dataDir, const std::filesystem::path& log) {
        rivetr::SpawnOptions o;
        o.stdoutFile = log;
        o.env = {{"RIVETR_SERVER_API_PORT", std::to_string(api)},
                 {"RIVETR_SERVER_HOST", "127.0.0.1"},
                 {"RIVETR_SERVER_PROXY_PORT", std::to_string(proxy)},
                 {"RIVETR_SERVER_PROXY_HTTPS_PORT", std::to_string(test::freePort())},
                 {"RIVETR_SERVER_DATA_DIR", dataDir.string()},
                 {"RIVETR_AUTH_ADMIN_TOKEN", kToken},
                 {"RIVETR_LOGGING_LEVEL", "warn"},
                 {"RIVETR_GIT_ALLOW_LOCAL_REPOSITORIES", "true"}};
        process = Process::spawn({test::rivetrBinary().string(), "serve"}, o);
        if (!test::waitForHttp(url("/health"), 200, 30s)) throw std::runtime_error("rivetr serve did not start");
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(api) + path; }
    nlohmann::json call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr) {
        test::HttpRequest req;
        req.method = method;
        req.url = url(path);
        req.headers = {"Authorization: Bearer " + std::string(kToken), "Content-Type: application/json"};
        if (!body.is_null()) req.body = body.dump();
        auto r = test::http(req);
        if (r.status >= 300) throw std::runtime_error(method + " " + path + " → " + std::to_string(r.status) + r.body);
        return nlohmann::json::parse(r.body, nullptr, false);
    }
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
    test::TempDir work("rivetr-deploy-bench");
    rivetr::git::test::TestRepo repo(work.path() / "repo");
    Server server;
    server.start(work.path() / "data", work.path() / "serve.log");
    test::writeTestserverContext(repo.dir(), {{"TESTSERVER_VERSION", "warmup"}});
    repo.commit("warmup");
    auto app = server.call("POST", "/api/apps",
                           {{"name", "bench"}, {"git_url", repo.url()}, {"port", 8000}, {"build_type", "dockerfile"},
                            {"domains", {"bench.test"}},
                            {"healthcheck", {{"path", "/health"}, {"interval_ms", kHealthIntervalMs}}}});
    std::string appId = app["id"];
    std::vector<double> raw, engine;
    for (int i = 0; i <= rounds; ++i) {  // round 0 warms the build cache and the git cache
        std::string version = "r" + std::to_string(i);
        test::writeTestserverContext(repo.dir(), {{"TESTSERVER_VERSION", version}});
        repo.commit(version);
        auto r = rawDeploy(work.path(), repo.url(), version);
        auto t0 = Clock::now();
        server.call("POST", "/api/apps/" + appId + "/deploy");
        waitForBody("http://127.0.0.1:" + std::to_string(server.proxy) + "/", "bench.test", "version=" + version + "\n", 10);
        auto e = ms(Clock::now() - t0);
        if (i == 0) continue;
        raw.push_back(r);
        engine.push_back(e);
        std::printf("round %d: raw steps %7.0f ms   rivetr push->live %7.0f ms\n", i, r, e);
    }
    std::printf("\nmedian of %d rounds (health probe every %d ms on both sides)\n", rounds, kHealthIntervalMs);
    std::printf("  raw steps (git clone + docker build + docker run + first 200): %7.0f ms\n", median(raw));
    std::printf("  rivetr push->live through the proxy:                           %7.0f ms\n", median(engine));
    std::printf("  engine overhead:                                               %+7.0f ms\n", median(engine) - median(raw));
    server.call("DELETE", "/api/apps/" + appId);
    server.process->signal(SIGTERM);
    server.process->wait(15s);
    // Deleting the app leaves its images for a later restore; a benchmark leaves nothing.
    auto filter = "label=rivetr.app=" + appId;
    std::istringstream containers(run({"docker", "ps", "-aq", "--filter", filter}).output);
    for (std::string id; containers >> id;) run({"docker", "rm", "-f", id});
    std::istringstream images(run({"docker", "images", "-q", "--filter", filter}).output);
    for (std::string id; images >> id;) run({"docker", "rmi", "-f", id});
    return 0;
}
