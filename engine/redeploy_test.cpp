// Redeploy (the live image with the app's current env, no clone, no build) on the engine's test doubles:
// a new health-gated release, a failing check keeps the old one, a missing image is refused, one job per app.
#include <gtest/gtest.h>

#include <future>
#include <mutex>

#include "engine/testing/fake_engine_test.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {
namespace {

using namespace std::chrono_literals;

class RedeployTest : public testing::FakeEngineTest {
protected:
    std::string live() { return apps.find(appId)->liveDeploymentId.value_or(""); }
    std::size_t deploymentCount() { return deployments.listForApp(appId, 200).size(); }
    // The switch reports the new one running before the old one is replaced and before the bus hears it.
    static bool eventually(const std::function<bool()>& done) {
        for (auto end = std::chrono::steady_clock::now() + 5s; !done(); std::this_thread::sleep_for(10ms)) {
            if (std::chrono::steady_clock::now() > end) return false;
        }
        return true;
    }
};

TEST_F(RedeployTest, StartsTheLiveImageWithTheCurrentEnvAsANewRelease) {
    ASSERT_EQ(waitTerminal(deploy()), "running");
    auto first = live();
    env.set(appId, {"GREETING", "hello v2"});
    std::mutex m;
    std::vector<std::string> statuses;
    auto sub = events.subscribe("", [&](const DeploymentEvent& e) {
        std::lock_guard lock(m);
        if (e.kind == DeploymentEvent::Kind::Status && e.deploymentId != first) statuses.push_back(e.status);
    });

    auto id = engine->redeploy(appId);
    ASSERT_EQ(waitTerminal(id), "running") << deployments.get(id)->error.value_or("");
    auto d = *deployments.get(id);
    EXPECT_NE(id, first);
    EXPECT_EQ(d.trigger, "redeploy");
    EXPECT_EQ(d.rollbackOf, first);
    EXPECT_EQ(d.image, deployments.get(first)->image) << "a redeploy ran another image than the live one";
    EXPECT_EQ(live(), id);
    EXPECT_TRUE(eventually([&] { return deployments.get(first)->status == "replaced"; }));
    EXPECT_EQ(rt->envOf(liveContainer()).at("GREETING"), "hello v2") << "the new release lacks the new value";
    engine->waitRetired();
    EXPECT_EQ(rt->runningContainers(runtime::rivetrFilter(appId)), std::vector<std::string>{liveContainer()});
    EXPECT_EQ(traffic.current(appId)->port, rt->hostPortOf(liveContainer()));
    eventually([&] { std::lock_guard lock(m); return statuses.size() >= 4; });
    std::lock_guard lock(m);
    EXPECT_EQ(statuses, (std::vector<std::string>{"starting", "checking", "switching", "running"}))
        << "no clone, no build: straight to starting";
}

TEST_F(RedeployTest, AFailingHealthCheckKeepsTheLiveOneServing) {
    ASSERT_EQ(waitTerminal(deploy()), "running");
    auto first = live();
    auto firstPort = traffic.current(appId)->port;
    auto app = *apps.find(appId);
    app.healthcheck.type = "http";  // the fake's ports accept and never answer: every probe times out
    app.healthcheck.path = "/";
    app.healthcheck.timeoutMs = 100;
    app.healthcheck.retries = 1;
    apps.updateSettings(app);
    env.set(appId, {"BROKEN", "1"});

    auto id = engine->redeploy(appId);
    EXPECT_EQ(waitTerminal(id), "rolled_back");
    EXPECT_NE(deployments.get(id)->error.value_or("").find("health check failed"), std::string::npos)
        << deployments.get(id)->error.value_or("");
    EXPECT_EQ(live(), first);
    EXPECT_EQ(deployments.get(first)->status, "running");
    EXPECT_EQ(traffic.current(appId)->port, firstPort);
    EXPECT_EQ(rt->runningContainers(runtime::rivetrFilter(appId)), std::vector<std::string>{liveContainer()});
}

TEST_F(RedeployTest, AMissingLiveImageOrNoLiveDeploymentIsRefusedAndStartsNothing) {
    bool ranBeforeQueue = false;
    auto refusal = [&](const std::string& app) -> std::string {
        try {
            engine->redeploy(app, [&] { ranBeforeQueue = true; });
        } catch (const RedeployRefused& e) {
            return e.code() + ": " + e.what();
        }
        return "accepted";
    };
    EXPECT_EQ(refusal(appId).rfind("no_live_deployment: ", 0), 0u) << refusal(appId);

    ASSERT_EQ(waitTerminal(deploy()), "running");
    rt->removeImage(*deployments.get(live())->image, true);
    auto before = deploymentCount();
    auto why = refusal(appId);
    EXPECT_EQ(why.rfind("image_removed: ", 0), 0u) << why;
    EXPECT_NE(why.find("deploy to rebuild"), std::string::npos) << why;
    EXPECT_FALSE(ranBeforeQueue) << "a refused redeploy let its caller store its change";
    EXPECT_EQ(deploymentCount(), before);
    EXPECT_THROW(engine->redeploy("app_nobody"), std::invalid_argument);
}

// A redeploy asked for while a deployment of new code runs neither cancels it nor brings the old
// image back: it waits its turn and then runs the image that went live meanwhile.
TEST_F(RedeployTest, WaitsForARunningDeploymentAndRunsTheImageItMadeLive) {
    ASSERT_EQ(waitTerminal(deploy()), "running");
    rt->addImage("rivetr/app_jobs:v2", runtime::rivetrLabels(appId, "dep_v2"));
    store::DeploymentRecord v2;
    v2.id = "dep_v2";
    v2.appId = appId;
    v2.image = "rivetr/app_jobs:v2";
    deployments.create(v2);
    env.set(appId, {"GREETING", "saved during the build"});
    std::promise<std::string> asked;
    std::atomic<bool> once{false};
    rt->beforeChange = [&](std::string_view verb, const std::string&) {
        if (verb == "start" && !once.exchange(true)) asked.set_value(engine->redeploy(appId));
    };
    auto code = engine->rollback("dep_v2", "manual");
    auto redeployId = asked.get_future().get();
    ASSERT_EQ(waitTerminal(redeployId), "running") << deployments.get(redeployId)->error.value_or("");
    EXPECT_EQ(deployments.get(code)->status, "replaced")
        << "the redeploy cancelled the deployment of new code: " << deployments.get(code)->error.value_or("");
    auto d = *deployments.get(redeployId);
    EXPECT_EQ(d.image, "rivetr/app_jobs:v2") << "the redeploy brought the old image back";
    EXPECT_EQ(d.rollbackOf, code);
    EXPECT_EQ(live(), redeployId);
    EXPECT_EQ(rt->envOf(liveContainer()).at("GREETING"), "saved during the build");
}

TEST_F(RedeployTest, ACancelledRedeployLeavesTheLiveOne) {
    ASSERT_EQ(waitTerminal(deploy()), "running");
    auto first = live();
    std::promise<std::string> idPromise;
    auto idFuture = idPromise.get_future().share();
    rt->beforeChange = [&](std::string_view verb, const std::string&) {
        if (verb == "start") engine->cancel(idFuture.get());
    };
    auto id = engine->redeploy(appId);
    idPromise.set_value(id);
    EXPECT_EQ(waitTerminal(id), "cancelled");
    EXPECT_EQ(live(), first);
    rt->beforeChange = nullptr;
    EXPECT_EQ(rt->runningContainers(runtime::rivetrFilter(appId)), std::vector<std::string>{liveContainer()});
}

}  // namespace
}  // namespace rivetr::engine
