// The engine watching what it runs, on its test doubles: a live container's death parks, explains and
// restarts it with back-off; events of other containers and of a user's own actions change nothing.
#include "engine/app_supervisor.hpp"

#include <gtest/gtest.h>

#include "engine/testing/fake_engine_test.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {
namespace {

using namespace std::chrono_literals;

class AppSupervisorTest : public testing::FakeEngineTest {
protected:
    std::unique_ptr<AppSupervisor> supervisor;
    std::mutex m;
    std::vector<std::chrono::steady_clock::time_point> starts;  // of the live container

    void SetUp() override {
        FakeEngineTest::SetUp();
        SupervisorOptions o;
        o.firstRetry = 100ms;
        o.maxRetry = 2s;
        supervisor = std::make_unique<AppSupervisor>(
            EngineDeps{apps, appState, env, deployments, *source, builders,
                       [this] { return std::shared_ptr<runtime::ContainerRuntime>(rt); }, traffic, events},
            [this](const std::string& app) { engine->act(app, AppAction::Recover); }, o);
        ASSERT_EQ(waitTerminal(deploy()), "running");
    }
    void TearDown() override {
        supervisor->stop();
        engine.reset();
        supervisor.reset();
    }

    // What Docker sends when `id` ends: its labels, the exit code.
    runtime::Event died(const std::string& id, int exitCode = 137) {
        auto info = rt->inspectContainer(id);
        runtime::Event e{"container", "die", info.id, info.labels, 0};
        e.attributes["exitCode"] = std::to_string(exitCode);
        return e;
    }
    bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = 5s) {
        auto end = std::chrono::steady_clock::now() + limit;
        while (!done()) {
            if (std::chrono::steady_clock::now() > end) return false;
            std::this_thread::sleep_for(10ms);
        }
        return true;
    }
    int routedPort() { return traffic.current(appId) ? traffic.current(appId)->port : -1; }
};

TEST_F(AppSupervisorTest, ALiveContainerThatDiesIsParkedExplainedAndRestarted) {
    auto live = liveContainer();
    int port = routedPort();
    ASSERT_GT(port, 0);
    std::vector<std::string> crashes;
    auto sub = events.subscribe("", [&](const DeploymentEvent& e) {
        if (e.action == "crash") crashes.push_back(e.status + ": " + e.error);
    });
    rt->killContainer(live, "SIGKILL");
    supervisor->onContainerEvent(died(live));

    EXPECT_EQ(routedPort(), 0) << "the dead container's domains must answer 503 at once";
    auto app = apps.find(appId);
    EXPECT_EQ(app->condition.state, "crashed");
    EXPECT_EQ(app->condition.exitCode, 137);
    EXPECT_NE(app->condition.reason.find("exited with code 137"), std::string::npos) << app->condition.reason;
    ASSERT_EQ(crashes.size(), 1u) << "the crash goes on the bus for notifications";

    ASSERT_TRUE(waitFor([&] { return routedPort() == port; })) << "not restarted and routed again";
    EXPECT_EQ(rt->runningContainers(runtime::rivetrFilter(appId)), std::vector<std::string>{live});
    ASSERT_TRUE(waitFor([&] { return apps.find(appId)->condition.state == "running"; }));
    EXPECT_EQ(apps.find(appId)->condition.restarts, 1);
    EXPECT_EQ(apps.find(appId)->condition.exitCode, 137) << "why it was restarted stays visible";
}

// The die event of a just-switched container can be handled before the pipeline's own "running"
// event for that deployment reaches the bus (seen under TSan): the late "running" must neither mark
// the app running again nor reset its back-off.
TEST_F(AppSupervisorTest, ALateRunningOfTheCrashedDeploymentHidesNothing) {
    auto live = liveContainer();
    auto deploymentId = apps.find(appId)->liveDeploymentId.value();
    rt->beforeChange = [&](std::string_view verb, const std::string& id) {
        if (verb == "start" && id == live) throw runtime::RuntimeError(runtime::ErrorKind::EngineError, "cannot start");
    };
    rt->killContainer(live, "SIGKILL");
    supervisor->onContainerEvent(died(live));
    DeploymentEvent late;
    late.deploymentId = deploymentId;
    late.appId = appId;
    late.status = "running";
    events.publish(late);
    auto c = apps.find(appId)->condition;
    EXPECT_EQ(c.state, "crashed") << "a stale running event hid the crash";
    EXPECT_EQ(c.restarts, 1);
}

// A restart that keeps failing waits longer each time: 100, 200, 400 ms ...
TEST_F(AppSupervisorTest, RestartsBackOffExponentially) {
    auto live = liveContainer();
    std::atomic<bool> failing{true};
    rt->beforeChange = [&](std::string_view verb, const std::string& id) {
        if (verb != "start" || id != live) return;
        {
            std::lock_guard lock(m);
            starts.push_back(std::chrono::steady_clock::now());
        }
        if (failing) throw runtime::RuntimeError(runtime::ErrorKind::EngineError, "cannot start");
    };
    rt->killContainer(live, "SIGKILL");
    supervisor->onContainerEvent(died(live));
    ASSERT_TRUE(waitFor([&] {
        std::lock_guard lock(m);
        return starts.size() >= 4;
    }, 10s));
    // Between attempts the app says crashed (during one, restarting), with the attempts counted.
    EXPECT_TRUE(waitFor([&] {
        auto c = apps.find(appId)->condition;
        return c.state == "crashed" && c.restarts >= 4;
    })) << apps.find(appId)->condition.state;
    failing = false;
    std::lock_guard lock(m);
    auto gap = [&](std::size_t i) { return starts[i + 1] - starts[i]; };
    EXPECT_GE(gap(0), 180ms);
    EXPECT_GE(gap(1), 380ms);
    EXPECT_GE(gap(2), 780ms) << "the delay did not keep doubling";
}

// The old container of a deployment that was replaced, and the live one stopped by its user's own
// stop: their deaths are expected and change nothing.
TEST_F(AppSupervisorTest, ExpectedDeathsChangeNothing) {
    auto old = liveContainer();
    auto oldDeployment = *apps.find(appId)->liveDeploymentId;
    ASSERT_EQ(waitTerminal(deploy()), "running");
    engine->waitRetired();
    int port = routedPort();
    runtime::Event e{"container", "die", old, runtime::rivetrLabels(appId, oldDeployment), 0};
    supervisor->onContainerEvent(e);
    EXPECT_EQ(routedPort(), port);

    ASSERT_TRUE(run(AppAction::Stop).ok);
    supervisor->onContainerEvent(died(liveContainer(), 0));
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(routedPort(), 0);
    EXPECT_TRUE(rt->runningContainers(runtime::rivetrFilter(appId)).empty()) << "a stopped app was restarted";
    EXPECT_NE(apps.find(appId)->condition.state, "crashed");
}

// After the engine came back (or at rivetr's start) every live app is proven and routed again,
// a container that is down is started.
TEST_F(AppSupervisorTest, AResyncStartsAndRoutesWhatIsDown) {
    auto live = liveContainer();
    int port = routedPort();
    rt->stopContainer(live, 1s);
    traffic.replaceAll({});
    supervisor->resync();
    ASSERT_TRUE(waitFor([&] { return routedPort() == port; }));
    EXPECT_EQ(rt->runningContainers(runtime::rivetrFilter(appId)), std::vector<std::string>{live});
}

}  // namespace
}  // namespace rivetr::engine
