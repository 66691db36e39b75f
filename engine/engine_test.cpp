// The deploy engine end to end on real parts — dockerd, git repositories, Rivetr's proxy: zero-downtime
// switch, failed health gate, rollback from a kept image, supersede and cancel.
#include "engine/engine.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/git/git_test_repo.hpp"
#include "core/ids.hpp"
#include "server/proxy_traffic.hpp"
#include "runtime/naming.hpp"
#include "store/testing/store_fixture.hpp"
#include "tests/fixtures/app_cleanup.hpp"
#include "tests/fixtures/fixture_image.hpp"
#include "tests/support/switch_watch.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::engine {
namespace {

using namespace std::chrono_literals;

class EngineTest : public store::testing::DeployStoreTest {
protected:
    EngineTest() : DeployStoreTest("rivetr-engine") {}

    std::unique_ptr<git::Source> source = git::test::sourceAt(dir.path());
    builders::BuilderRegistry builders{builders::BuildersOptions{}};
    std::shared_ptr<runtime::ContainerRuntime> rt;
    std::unique_ptr<proxy::Proxy> proxy;
    std::unique_ptr<server::ProxyTraffic> traffic;
    DeploymentEvents events;
    std::unique_ptr<Engine> engine;
    git::test::TestRepo repo{dir.path() / "repo"};
    std::string appId = newId("app");
    std::atomic<bool> diskFull{false};  // injected disk pressure

    void SetUp() override {
        RIVETR_REQUIRE_DOCKER();
        rt = runtime::connectRuntime({});
        proxy::ProxyOptions po;
        po.host = "127.0.0.1";
        po.httpPort = 0;
        po.workers = 1;
        po.drainTimeout = 10s;
        proxy = std::make_unique<proxy::Proxy>(po);
        proxy->start();
        traffic = std::make_unique<server::ProxyTraffic>(*proxy);
        EngineOptions eo;
        eo.dataDir = dir.path();
        eo.stopGrace = 5s;
        eo.freeDiskBytes = [this]() -> std::optional<std::uint64_t> {
            if (diskFull) return 0;
            return std::nullopt;
        };
        engine = std::make_unique<Engine>(
            EngineDeps{apps, appState, env, deployments, *source, builders, [this] { return rt; }, *traffic, events}, eo);
        store::AppRecord a;
        a.id = appId;
        a.name = "web";
        a.gitUrl = repo.url();
        a.port = 8000;
        a.buildType = "dockerfile";
        a.domains = {"web.test"};
        a.healthcheck.path = "/health";
        a.healthcheck.intervalMs = 200;
        a.healthcheck.retries = 10;
        a.webhookSecret = "s";
        apps.create(a);
    }

    void TearDown() override {
        engine.reset();
        if (rt) test::removeAppObjects(*rt, appId);
        if (proxy) proxy->stop();
    }

    std::string commitVersion(const std::string& version, std::map<std::string, std::string> extra = {}) {
        extra["TESTSERVER_VERSION"] = version;
        test::writeTestserverContext(repo.dir(), extra);
        return repo.commit("release " + version);
    }

    store::DeploymentRecord waitDone(const std::string& id, std::chrono::seconds limit = 120s) {
        auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            auto d = deployments.get(id);
            if (d && store::isTerminalStatus(d->status)) return *d;
            std::this_thread::sleep_for(50ms);
        }
        ADD_FAILURE() << "deployment " << id << " did not finish; status " << deployments.get(id)->status;
        return *deployments.get(id);
    }

    test::HttpResponse viaProxy(const std::string& path = "/") {
        test::HttpRequest req;
        req.url = "http://127.0.0.1:" + std::to_string(proxy->httpPort()) + path;
        req.headers = {"Host: web.test"};
        req.timeout = 5s;
        return test::http(req);
    }

    std::string logOf(const std::string& id) {
        std::string all;
        for (const auto& l : deployments.logs(id)) all += l.line + "\n";
        return all;
    }

    // Commits a FROM-scratch image holding busybox, the rest of its Dockerfile `instructions`.
    void commitBusybox(const std::string& instructions, const std::string& message) {
        std::filesystem::copy_file("/bin/busybox", repo.dir() / "busybox");
        repo.write("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\n" + instructions);
        repo.commit(message);
    }

    store::DeploymentRecord deployBusybox(const std::string& instructions, const std::string& message) {
        commitBusybox(instructions, message);
        return waitDone(engine->deploy(appId, {}), 60s);
    }

    // A deployment whose build would take minutes, once it is building.
    std::string startSlowBuild() {
        commitBusybox("RUN [\"/bin/busybox\", \"sleep\", \"300\"]\n", "slow build");
        auto slow = engine->deploy(appId, {});
        auto until = std::chrono::steady_clock::now() + 60s;
        while (deployments.get(slow)->status != "building" && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(20ms);
        }
        return slow;
    }

    std::size_t containersOf(const std::string& deploymentId) {
        return rt->listContainers(runtime::rivetrFilter(appId, deploymentId)).size();
    }
};

TEST_F(EngineTest, DeploysThenSwitchesWithoutAFailedRequestAndRollsBack) {
    commitVersion("v1");
    auto v1 = engine->deploy(appId, {});
    auto d1 = waitDone(v1);
    ASSERT_EQ(d1.status, "running") << d1.error.value_or("") << "\n" << logOf(v1);
    EXPECT_EQ(viaProxy().body, "version=v1\n");

    // v2 while a client hammers the proxy: not one failed request, and v1 -> v2 exactly once.
    commitVersion("v2", {{"STARTUP_DELAY_MS", "300"}});
    test::SwitchWatch watch([&] { return viaProxy(); });
    auto v2 = engine->deploy(appId, {});
    auto d2 = waitDone(v2);
    std::this_thread::sleep_for(300ms);
    auto seen = watch.stop();
    ASSERT_EQ(d2.status, "running") << d2.error.value_or("") << "\n" << logOf(v2);
    EXPECT_EQ(seen.failures, 0) << "of " << seen.total << " requests; first: " << seen.firstFailure;
    EXPECT_EQ(seen.switches, 1);
    EXPECT_GT(seen.total, 20);
    EXPECT_EQ(viaProxy().body, "version=v2\n");
    EXPECT_EQ(deployments.get(v1)->status, "replaced");
    engine->waitRetired();
    EXPECT_EQ(containersOf(v1), 0u) << "the replaced container was not removed after its drain";

    // v3 fails its health check: v2 keeps serving, nothing is left behind, the reason is recorded.
    commitVersion("v3", {{"HEALTH_STATUS", "500"}});
    auto v3 = engine->deploy(appId, {});
    auto d3 = waitDone(v3);
    EXPECT_EQ(d3.status, "rolled_back");
    EXPECT_NE(d3.error.value_or("").find("answered 500"), std::string::npos) << d3.error.value_or("");
    EXPECT_EQ(viaProxy().body, "version=v2\n");
    EXPECT_EQ(containersOf(v3), 0u);
    EXPECT_EQ(apps.find(appId)->liveDeploymentId, v2);

    // Rollback to v1 from its kept image: no clone, no build, live fast.
    auto started = std::chrono::steady_clock::now();
    auto rb = engine->rollback(v1);
    auto drb = waitDone(rb);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    ASSERT_EQ(drb.status, "running") << drb.error.value_or("") << logOf(rb);
    EXPECT_EQ(viaProxy().body, "version=v1\n");
    EXPECT_EQ(logOf(rb).find("==> cloning"), std::string::npos);
    EXPECT_EQ(logOf(rb).find("==> building"), std::string::npos);
    std::cout << "[figure] rollback live in " << took.count() << " ms (goal < 5000)\n";
    EXPECT_LT(took, 5s);
}

TEST_F(EngineTest, ContainerThatExitsFailsTheGateAtOnceWithItsOutput) {
    std::filesystem::copy_file("/bin/busybox", repo.dir() / "busybox");
    repo.write("Dockerfile",
               "FROM scratch\nCOPY busybox /bin/busybox\n"
               "ENTRYPOINT [\"/bin/busybox\", \"sh\", \"-c\", \"echo database unreachable >&2; exit 3\"]\n");
    repo.commit("crashes on start");
    auto started = std::chrono::steady_clock::now();
    auto id = engine->deploy(appId, {});
    auto d = waitDone(id, 60s);
    EXPECT_EQ(d.status, "failed");
    EXPECT_NE(d.error.value_or("").find("exited with code 3"), std::string::npos) << d.error.value_or("");
    EXPECT_NE(d.error.value_or("").find("database unreachable"), std::string::npos) << d.error.value_or("");
    EXPECT_EQ(containersOf(id), 0u);
    // 10 retries x 200 ms would be 2 s of probing; the exit must cut it short.
    EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
}

TEST_F(EngineTest, AnAppListeningOnAnotherPortIsToldWhichPortToSet) {
    // The app (port 8000) serves on 8080 whatever PORT says, as the image declares.
    auto d = deployBusybox("EXPOSE 8080\nENTRYPOINT [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/\"]\n",
                           "listens on 8080");
    EXPECT_EQ(d.status, "failed");
    EXPECT_NE(d.error.value_or("").find("nothing answered on port 8000 inside the container; the image EXPOSEs 8080 "
                                        "— set the app's port to 8080"),
              std::string::npos)
        << d.error.value_or("");
    EXPECT_EQ(containersOf(d.id), 0u);
}

TEST_F(EngineTest, AFailedBuildShowsTheFailingStepAndItsLastLines) {
    auto d = deployBusybox("RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo compiling; echo main.c:3: error: boom >&2; exit 2\"]\n",
                           "does not compile");
    auto error = d.error.value_or("");
    EXPECT_EQ(d.status, "failed");
    // Step 3 of 3 written, of more run (the engine adds the labels as steps).
    EXPECT_EQ(error.rfind("build failed at step 3/", 0), 0u) << error;
    EXPECT_NE(error.find(" (RUN [\"/bin/busybox\", \"sh\""), std::string::npos) << error;
    // Docker interleaves a step's stdout and stderr in either order.
    EXPECT_NE(error.find("returned a non-zero code: 2; its last output:\n"), std::string::npos) << error;
    EXPECT_NE(error.find("\ncompiling"), std::string::npos) << error;
    EXPECT_NE(error.find("\nmain.c:3: error: boom"), std::string::npos) << error;
    EXPECT_EQ(error.find("build_failed"), std::string::npos) << "an internal code reached the user: " << error;
}

TEST_F(EngineTest, NewerDeploySupersedesAndCancelStopsABuild) {
    commitVersion("v1");
    auto first = engine->deploy(appId, {});
    auto second = engine->deploy(appId, {});
    auto d1 = waitDone(first);
    auto d2 = waitDone(second);
    EXPECT_EQ(d1.status, "cancelled");
    EXPECT_NE(d1.error.value_or("").find("superseded by " + second), std::string::npos) << d1.error.value_or("");
    EXPECT_EQ(d2.status, "running") << d2.error.value_or("") << logOf(second);

    // A build that would take minutes, cancelled while it runs.
    auto slow = startSlowBuild();
    std::this_thread::sleep_for(1s);
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(engine->cancel(slow));
    auto ds = waitDone(slow, 30s);
    EXPECT_EQ(ds.status, "cancelled");
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
    EXPECT_FALSE(ds.image) << "a cancelled build still produced an image";
    EXPECT_EQ(viaProxy().body, "version=v1\n") << "the live version was disturbed";
}

// Stopping the server cancels what runs, and the deployment says why, like the other cancel reasons.
TEST_F(EngineTest, ADeploymentCancelledByShutdownSaysSo) {
    auto slow = startSlowBuild();
    engine.reset();  // what `rivetr serve` does on SIGTERM
    auto d = *deployments.get(slow);
    EXPECT_EQ(d.status, "cancelled");
    EXPECT_EQ(d.error.value_or(""), "rivetr is shutting down");
    EXPECT_NE(logOf(slow).find("cancelled: rivetr is shutting down"), std::string::npos) << logOf(slow);
}

// The app's own build deadline wins over the engine default (30 min here): a build that would
// take five minutes ends within seconds, failed with the stage and the deadline named.
TEST_F(EngineTest, PerAppStageDeadlineStopsAStuckBuild) {
    std::filesystem::copy_file("/bin/busybox", repo.dir() / "busybox");
    repo.write("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sleep\", \"300\"]\n");
    repo.commit("stuck build");
    auto app = *apps.find(appId);
    app.deadlines.buildMs = 3000;
    apps.updateSettings(app);
    auto t0 = std::chrono::steady_clock::now();
    auto d = waitDone(engine->deploy(appId, {}), 60s);
    EXPECT_EQ(d.status, "failed");
    EXPECT_NE(d.error.value_or("").find("building exceeded its 3s deadline"), std::string::npos) << d.error.value_or("");
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 40s);
    EXPECT_FALSE(d.image);
    EXPECT_EQ(containersOf(d.id), 0u);
}

// Under disk pressure the images of old deployments go, but never the live one nor the one an
// instant rollback would run; and the rollback still works from it.
TEST_F(EngineTest, DiskPressureKeepsOnlyTheLiveAndRollbackImages) {
    std::vector<store::DeploymentRecord> done;
    for (const char* v : {"v1", "v2", "v3"}) {
        commitVersion(v);
        done.push_back(waitDone(engine->deploy(appId, {})));
        ASSERT_EQ(done.back().status, "running") << done.back().error.value_or("");
    }
    auto imageExists = [&](const store::DeploymentRecord& d) {
        try {
            rt->inspectImage(*d.image);
            return true;
        } catch (const runtime::RuntimeError&) {
            return false;
        }
    };
    EXPECT_TRUE(imageExists(done[0])) << "without pressure the newest five stay";
    diskFull = true;
    commitVersion("v4");
    auto v4 = waitDone(engine->deploy(appId, {}));
    ASSERT_EQ(v4.status, "running");
    // Clean-up runs right after the deployment reports running: give it a moment.
    for (auto end = std::chrono::steady_clock::now() + 15s;
         (imageExists(done[0]) || imageExists(done[1])) && std::chrono::steady_clock::now() < end;) {
        std::this_thread::sleep_for(100ms);
    }
    EXPECT_FALSE(imageExists(done[1]));
    EXPECT_FALSE(imageExists(done[0]));
    EXPECT_TRUE(imageExists(v4)) << "the live image was pruned";
    EXPECT_TRUE(imageExists(done[2])) << "the rollback image was pruned";
    auto back = waitDone(engine->rollback(done[2].id));
    EXPECT_EQ(back.status, "running") << back.error.value_or("");
    EXPECT_EQ(viaProxy().body, "version=v3\n");
}

TEST_F(EngineTest, UnknownBranchFailsWithTheCauseAndLeavesNothing) {
    commitVersion("v1");
    auto id = engine->deploy(appId, {"manual", std::string("no-such-branch"), {}, {}});
    auto d = waitDone(id, 60s);
    EXPECT_EQ(d.status, "failed");
    EXPECT_NE(d.error.value_or("").find("no-such-branch"), std::string::npos) << d.error.value_or("");
    EXPECT_EQ(containersOf(id), 0u);
}

}  // namespace
}  // namespace rivetr::engine
