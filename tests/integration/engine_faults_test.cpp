// Faults injected from outside into what Rivetr runs: dockerd restarted, containers restarted and killed. A domain
// serves its own app or answers 503/502 — never another app's body — and comes back by itself, with the API saying so.
#include <fcntl.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>

#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// What a load generator saw on one domain.
struct Tally {
    std::atomic<int> own{0}, foreign{0}, unavailable{0}, other{0};
    std::mutex mutex;
    std::vector<std::string> foreignBodies;
};

class EngineFaults : public test::ServeFixture {
protected:
    EngineFaults() : ServeFixture("shop") {}

    struct App {
        std::string name, id, body;
        std::unique_ptr<git::test::TestRepo> repo;
    };
    std::vector<App> apps;

    void TearDown() override {
        ServeFixture::TearDown();
        for (const auto& a : apps) {
            if (rt) test::removeAppObjects(*rt, a.id);
        }
    }

    // Three apps live, each answering "version=<name>-v1".
    void deployThree() {
        for (std::string name : {"shop", "docs", "blog"}) {
            App a;
            a.name = name;
            a.body = "version=" + name + "-v1\n";
            a.repo = std::make_unique<git::test::TestRepo>(dir.path() / ("repo-" + name));
            test::writeTestserverContext(a.repo->dir(), {{"TESTSERVER_VERSION", name + "-v1"}});
            a.repo->commit("v1");
            auto r = call("POST", "/api/apps",
                          {{"name", name}, {"git_url", a.repo->url()}, {"port", 8000}, {"build_type", "dockerfile"},
                           {"domains", {name + ".test"}},
                           {"healthcheck", {{"path", "/health"}, {"interval_ms", 200}, {"retries", 20}}}});
            ASSERT_EQ(r.status, 201) << r.body;
            a.id = json::parse(r.body)["id"];
            apps.push_back(std::move(a));
        }
        appId = apps[0].id;
        std::vector<std::string> deployments;
        for (const auto& a : apps) {
            auto r = call("POST", "/api/apps/" + a.id + "/deploy");
            ASSERT_EQ(r.status, 202) << r.body;
            deployments.push_back(json::parse(r.body)["deployment_id"]);
        }
        for (const auto& d : deployments) ASSERT_EQ(waitStatus(d, terminal, 300s)["status"], "running");
        for (const auto& a : apps) ASSERT_EQ(get(a).body, a.body);
    }

    test::HttpResponse get(const App& a) {
        test::HttpRequest req;
        req.url = "http://127.0.0.1:" + std::to_string(proxyPort) + "/";
        req.headers = {"Host: " + a.name + ".test"};
        req.timeout = 5s;
        return test::http(req);
    }

    json appJson(const App& a) { return json::parse(call("GET", "/api/apps/" + a.id).body, nullptr, false); }

    std::string liveContainer(const App& a) {
        auto live = appJson(a)["live_deployment_id"].get<std::string>();
        return rt->listContainers(runtime::rivetrFilter(a.id, live)).at(0).id;
    }

    // Polls until every app serves its own body again.
    bool waitAllOwn(std::chrono::seconds limit) {
        auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            bool all = true;
            for (const auto& a : apps) all = all && get(a).body == a.body;
            if (all) return true;
            std::this_thread::sleep_for(200ms);
        }
        return false;
    }

    bool waitState(const App& a, const std::string& state, std::chrono::seconds limit, json* seen = nullptr) {
        auto end = std::chrono::steady_clock::now() + limit;
        json j;
        while (std::chrono::steady_clock::now() < end) {
            j = appJson(a);
            if (j.is_object() && j["live"]["state"] == state) {
                if (seen) *seen = j;
                return true;
            }
            std::this_thread::sleep_for(100ms);
        }
        if (seen) *seen = j;
        return false;
    }

    // One client per domain, as fast as it can, for the whole fault: every answer is tallied.
    class Load {
    public:
        explicit Load(EngineFaults& t) : t_(t), tallies_(t.apps.size()) {
            for (std::size_t i = 0; i < t.apps.size(); ++i) {
                threads_.emplace_back([this, i] { run(i); });
            }
        }
        ~Load() { stop(); }
        void stop() {
            stop_ = true;
            for (auto& th : threads_) {
                if (th.joinable()) th.join();
            }
        }
        Tally& tally(std::size_t i) { return tallies_[i]; }

    private:
        void run(std::size_t i) {
            const auto& me = t_.apps[i];
            while (!stop_) {
                auto r = t_.get(me);
                auto& tl = tallies_[i];
                if (r.status == 200 && r.body == me.body) {
                    ++tl.own;
                } else if (r.status == 200 || r.body.find("version=") != std::string::npos) {
                    ++tl.foreign;
                    std::lock_guard lock(tl.mutex);
                    tl.foreignBodies.push_back(std::to_string(r.status) + " " + r.body);
                } else if (r.status == 503 || r.status == 502 || r.status == 0) {
                    ++tl.unavailable;
                } else {
                    ++tl.other;
                }
                std::this_thread::sleep_for(5ms);
            }
        }
        EngineFaults& t_;
        std::vector<Tally> tallies_;
        std::vector<std::thread> threads_;
        std::atomic<bool> stop_{false};
    };

    void expectNoForeignBodies(Load& load) {
        for (std::size_t i = 0; i < apps.size(); ++i) {
            auto& t = load.tally(i);
            EXPECT_EQ(t.foreign.load(), 0) << apps[i].name << ".test served another app's page: "
                                           << (t.foreignBodies.empty() ? "" : t.foreignBodies.front());
            EXPECT_EQ(t.other.load(), 0) << apps[i].name << ".test answered something unexpected";
            EXPECT_GT(t.own.load(), 0) << apps[i].name << ".test never served its own page";
        }
    }
};

// How dockerd was started here, to start it again the same way: the service manager when there is
// one that runs, else its own command line from /proc (ensure-dockerd.sh starts it directly).
std::vector<std::string> dockerdCommandLine(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::vector<std::string> argv;
    std::string arg;
    while (std::getline(in, arg, '\0')) argv.push_back(arg);
    return argv;
}

std::optional<int> dockerdPid() {
    std::ifstream in("/var/run/docker.pid");
    int pid = 0;
    if (in >> pid && pid > 0 && ::kill(pid, 0) == 0) return pid;
    return std::nullopt;
}

void restartDockerd(runtime::ContainerRuntime& rt) {
    if (Process::spawn({"systemctl", "is-active", "--quiet", "docker"}).wait(10s) == 0) {
        ASSERT_EQ(Process::spawn({"systemctl", "restart", "docker"}).wait(120s), 0);
    } else {
        auto pid = dockerdPid();
        ASSERT_TRUE(pid) << "no dockerd pid in /var/run/docker.pid";
        auto argv = dockerdCommandLine(*pid);
        ASSERT_FALSE(argv.empty());
        ASSERT_EQ(::kill(*pid, SIGTERM), 0);
        auto end = std::chrono::steady_clock::now() + 60s;
        while (::kill(*pid, 0) == 0 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(100ms);
        ASSERT_NE(::kill(*pid, 0), 0) << "dockerd did not stop";
        // setsid -f: the daemon outlives this test and its process group.
        argv.insert(argv.begin(), {"setsid", "-f"});
        SpawnOptions o;
        o.stdoutFile = "/tmp/rivetr-dockerd.log";
        Process::spawn(argv, o).wait(10s);
    }
    auto end = std::chrono::steady_clock::now() + 60s;
    while (!rt.ping().ok && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(200ms);
    ASSERT_TRUE(rt.ping().ok) << "dockerd did not come back";
}

// The critical defect of issue 17: after a dockerd restart the containers came back on new
// ephemeral host ports, the proxy kept the old ones, and domains served OTHER apps' pages.
TEST_F(EngineFaults, ADockerdRestartNeverServesAnotherAppsPage) {
    deployThree();
    {
        Load load(*this);
        std::this_thread::sleep_for(1s);
        restartDockerd(*rt);
        EXPECT_TRUE(waitAllOwn(60s)) << "not every domain serves its own app again after the dockerd restart";
        std::this_thread::sleep_for(1s);
        load.stop();
        expectNoForeignBodies(load);
    }
    for (const auto& a : apps) {
        json j;
        EXPECT_TRUE(waitState(a, "running", 20s, &j)) << a.name << ": " << j.dump();
    }
}

// `docker restart` of each live container from outside: 503 while it is down, its own page after.
TEST_F(EngineFaults, AContainerRestartedFromOutsideComesBackOnItsOwnDomain) {
    deployThree();
    Load load(*this);
    for (const auto& a : apps) rt->restartContainer(liveContainer(a), 2s);
    EXPECT_TRUE(waitAllOwn(30s));
    std::this_thread::sleep_for(500ms);
    load.stop();
    expectNoForeignBodies(load);
    for (const auto& a : apps) EXPECT_EQ(appJson(a)["live"]["state"], "running") << a.name;
}

// `docker kill` is a manual stop to Docker: no restart policy applies. Rivetr parks the domain
// (503), says "crashed" with the exit code, restarts the container itself and routes it again.
TEST_F(EngineFaults, AKilledContainerIsExplainedAndRestartedByRivetr) {
    deployThree();
    const auto& victim = apps[1];
    auto container = liveContainer(victim);
    Load load(*this);
    rt->killContainer(container, "SIGKILL");
    json crashed;
    ASSERT_TRUE(waitState(victim, "crashed", 10s, &crashed)) << crashed.dump();
    EXPECT_EQ(crashed["live"]["exit_code"], 137) << crashed.dump();
    EXPECT_NE(crashed["live"]["reason"].get<std::string>().find("exited with code 137"), std::string::npos)
        << crashed.dump();
    EXPECT_TRUE(waitAllOwn(30s)) << "the killed app did not come back by itself";
    json after;
    ASSERT_TRUE(waitState(victim, "running", 10s, &after)) << after.dump();
    EXPECT_EQ(after["live"]["exit_code"], 137) << after.dump();
    EXPECT_GE(after["live"]["restarts"].get<int>(), 1) << after.dump();
    EXPECT_EQ(liveContainer(victim), container) << "the same container was restarted, not a new deployment";
    load.stop();
    expectNoForeignBodies(load);
    EXPECT_GT(load.tally(1).unavailable.load(), 0) << "the killed app's domain never answered 503";
}

}  // namespace
}  // namespace rivetr
