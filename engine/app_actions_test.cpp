// Start / stop / restart as engine jobs on the engine's test doubles (no Docker): routing, the stopped
// flag, events, one job per app at a time, and the deadline.
#include "engine/app_actions.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <thread>

#include "engine/testing/fake_engine_test.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {
namespace {

using namespace std::chrono_literals;

class AppActionsTest : public testing::FakeEngineTest {};

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
    EXPECT_TRUE(traffic.current(appId)->isParked()) << "a stopped app's domains are parked (503)";
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

// `docker rm -f` of the live container: a recovery cannot start it again, so the live image runs
// again as a new health-gated deployment (trigger "recover"), and the domains lead to its container.
TEST_F(AppActionsTest, ALiveContainerRemovedOutsideRivetrIsRecreatedFromItsImage) {
    auto first = deploy();
    ASSERT_EQ(waitTerminal(first), "running");
    auto gone = liveContainer();
    rt->removeContainer(gone, {true, false});

    auto outcome = run(AppAction::Recover);
    EXPECT_FALSE(outcome.ok) << "the app is down until the new deployment is live";
    EXPECT_EQ(outcome.code, "recreating") << outcome.error;
    EXPECT_NE(outcome.error.find("removed outside rivetr"), std::string::npos) << outcome.error;

    auto end = std::chrono::steady_clock::now() + 10s;
    while (apps.find(appId)->liveDeploymentId == first && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(20ms);
    auto now = *apps.find(appId)->liveDeploymentId;
    ASSERT_NE(now, first) << "no new deployment went live";
    auto d = *deployments.get(now);
    EXPECT_EQ(d.status, "running");
    EXPECT_EQ(d.trigger, "recover");
    EXPECT_EQ(d.image, deployments.get(first)->image) << "the same image, no build";
    auto container = liveContainer();
    EXPECT_NE(container, gone);
    auto routed = traffic.current(appId);
    ASSERT_TRUE(routed.has_value());
    EXPECT_EQ(routed->port, rt->hostPortOf(container)) << "the domains lead to the new container";
}

}  // namespace
}  // namespace rivetr::engine
