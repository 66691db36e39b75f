// Start / stop / restart as engine jobs on the engine's test doubles (no Docker): routing, the stopped
// flag, events, one job per app at a time, and the deadline.
#include "engine/app_actions.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <thread>

#include "engine/engine.hpp"
#include "engine/testing/fake_app.hpp"
#include "engine/testing/fake_runtime.hpp"
#include "engine/testing/loopback_listener.hpp"
#include "engine/testing/recording_traffic.hpp"
#include "runtime/naming.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::engine {
namespace {

using namespace std::chrono_literals;

class AppActionsTest : public ::testing::Test {
protected:
    test::TempDir dir;
    std::unique_ptr<store::Store> store = store::Store::open(dir.path());
    store::SecretBox box{*crypto::keyFromHex(std::string(64, 'c'))};
    store::AppRepository apps{*store, box};
    store::AppStateRepository appState{*store};
    store::EnvRepository env{*store, box};
    store::DeploymentRepository deployments{*store};
    std::array<testing::LoopbackListener, 4> listeners;
    std::atomic<std::size_t> next{0};
    std::shared_ptr<testing::FakeRuntime> rt =
        std::make_shared<testing::FakeRuntime>([this] { return listeners.at(next++ % listeners.size()).port(); });
    testing::RecordingTraffic traffic;
    std::unique_ptr<git::Source> source = git::makeLibgit2Source([&] {
        git::SourceOptions o;
        o.dataDir = dir.path();
        return o;
    }());
    builders::BuilderRegistry builders{builders::BuildersOptions{}};
    DeploymentEvents events;
    std::unique_ptr<Engine> engine;
    std::string appId = "app_jobs";

    void SetUp() override {
        EngineOptions eo;
        eo.dataDir = dir.path();
        eo.stopGrace = 1s;
        eo.minFreeDiskBytes = 0;
        engine = std::make_unique<Engine>(
            EngineDeps{apps, appState, env, deployments, *source, builders,
                       [this] { return std::shared_ptr<runtime::ContainerRuntime>(rt); }, traffic, events},
            eo);
        testing::createAppWithBaseImage(apps, deployments, *rt, appId, "dep_base");
    }
    void TearDown() override { engine.reset(); }

    // A deployment without clone and build: the base image again.
    std::string deploy() { return engine->rollback("dep_base"); }
    std::string waitTerminal(const std::string& id, std::chrono::milliseconds limit = 10s) {
        auto end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            auto status = deployments.get(id)->status;
            if (store::isTerminalStatus(status) || std::chrono::steady_clock::now() > end) return status;
            std::this_thread::sleep_for(20ms);
        }
    }
    ActionOutcome run(AppAction action) {
        auto ticket = engine->act(appId, action);
        EXPECT_EQ(ticket.done.wait_for(10s), std::future_status::ready);
        return ticket.done.get();
    }
    std::string liveContainer() {
        auto live = apps.find(appId)->liveDeploymentId;
        return live ? deployments.get(*live)->containerId.value_or("") : "";
    }
};

TEST_F(AppActionsTest, StopParksAndStaysStoppedStartRoutesAgainEachAnnounced) {
    ASSERT_EQ(waitTerminal(deploy()), "running");
    auto live = liveContainer();
    std::mutex m;
    std::vector<std::string> seen;
    auto sub = events.subscribe("", [&](const DeploymentEvent& e) {
        std::lock_guard lock(m);
        if (!e.action.empty()) seen.push_back(e.action + ":" + e.status);
    });

    auto stopped = run(AppAction::Stop);
    EXPECT_TRUE(stopped.ok) << stopped.error;
    EXPECT_EQ(stopped.status, "stopped");
    EXPECT_EQ(traffic.current(appId)->port, 0) << "a stopped app's domains are parked (503)";
    EXPECT_TRUE(rt->runningContainers(runtime::rivetrFilter(appId)).empty());
    EXPECT_TRUE(apps.find(appId)->stopped);

    auto started = run(AppAction::Start);
    EXPECT_TRUE(started.ok) << started.error;
    EXPECT_EQ(started.status, "running");
    EXPECT_EQ(traffic.current(appId)->port, rt->hostPortOf(live));
    EXPECT_FALSE(apps.find(appId)->stopped);
    std::lock_guard lock(m);
    EXPECT_EQ(seen, (std::vector<std::string>{"stop:pending", "stop:in_progress", "stop:done", "start:pending",
                                              "start:in_progress", "start:done"}));
}

// A restart asked for while a deployment runs is neither dropped nor cancels it: it waits its turn
// and then restarts the container that deployment made live.
TEST_F(AppActionsTest, ARestartWaitsForTheRunningDeploymentAndActsOnItsContainer) {
    ASSERT_EQ(waitTerminal(deploy()), "running");
    std::optional<ActionTicket> restart;
    std::atomic<bool> held{false};
    std::string restarted;
    rt->beforeChange = [&](std::string_view verb, const std::string& id) {
        if (verb == "start" && !held.exchange(true)) restart = engine->act(appId, AppAction::Restart);
        if (verb == "restart") restarted = id;
    };
    auto second = deploy();
    EXPECT_EQ(waitTerminal(second), "running") << "the restart cancelled or overtook the deployment";
    ASSERT_TRUE(restart);
    ASSERT_EQ(restart->done.wait_for(10s), std::future_status::ready);
    EXPECT_TRUE(restart->done.get().ok) << restart->done.get().error;
    EXPECT_EQ(restarted, liveContainer()) << "the restart acted on a container the deployment replaced";
    engine->waitRetired();
    EXPECT_EQ(rt->runningContainers(runtime::rivetrFilter(appId)), std::vector<std::string>{liveContainer()});
    EXPECT_EQ(traffic.current(appId)->port, rt->hostPortOf(liveContainer()));
}

// No action holds an app's queue forever: a start whose port never shows fails at the app's
// starting deadline, and the app's next job runs.
TEST_F(AppActionsTest, AStartPastItsDeadlineFailsAndFreesTheApp) {
    ASSERT_EQ(waitTerminal(deploy()), "running");
    auto app = *apps.find(appId);
    app.port = 9000;  // the live container publishes 8000: the port gate never passes
    app.deadlines.startMs = 300;
    apps.updateSettings(app);
    auto t0 = std::chrono::steady_clock::now();
    auto out = run(AppAction::Start);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
    EXPECT_FALSE(out.ok);
    EXPECT_EQ(out.code, "timeout") << out.error;
    EXPECT_NE(out.error.find("start exceeded"), std::string::npos) << out.error;
    EXPECT_TRUE(run(AppAction::Stop).ok) << "the app's queue is stuck";
}

}  // namespace
}  // namespace rivetr::engine
