// Stop means stopped until its user says otherwise: a restart of rivetr keeps the app parked (503,
// container not running); start brings it back and that too survives a restart. A restart asked for
// during a deploy takes its turn: one container runs afterwards, the live one.
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class AppStop : public test::ServeFixture {
protected:
    AppStop() : ServeFixture("stopped") {}

    bool containerRunning(const std::string& deploymentId) {
        for (const auto& c : rt->listContainers(runtime::rivetrFilter(appId, deploymentId))) {
            if (rt->inspectContainer(c.id).state.running) return true;
        }
        return false;
    }
    json app() { return json::parse(call("GET", "/api/apps/" + appId).body); }
};

TEST_F(AppStop, AStoppedAppStaysStoppedAcrossRestarts) {
    commitVersion("v1");
    createApp();
    auto v1 = deploy();
    ASSERT_EQ(waitStatus(v1, terminal)["status"], "running");

    ASSERT_EQ(call("POST", "/api/apps/" + appId + "/stop").status, 200);
    EXPECT_EQ(viaProxy().status, 503);
    EXPECT_EQ(app()["stopped"], true);

    stop(SIGTERM);
    start();
    EXPECT_EQ(viaProxy().status, 503) << "the stopped app came back after a restart of rivetr";
    EXPECT_FALSE(containerRunning(v1)) << "its container was started again";
    EXPECT_EQ(deployment(v1)["status"], "running") << "stopping is not a new deployment state";

    ASSERT_EQ(call("POST", "/api/apps/" + appId + "/start").status, 200);
    EXPECT_EQ(viaProxy().body, "version=v1\n");
    EXPECT_EQ(app()["stopped"], false);
    stop(SIGTERM);
    start();
    EXPECT_EQ(viaProxy().body, "version=v1\n");

    // A deploy of a stopped app runs the new version.
    ASSERT_EQ(call("POST", "/api/apps/" + appId + "/stop").status, 200);
    commitVersion("v2");
    ASSERT_EQ(waitStatus(deploy(), terminal)["status"], "running");
    EXPECT_EQ(viaProxy().body, "version=v2\n");
    EXPECT_EQ(app()["stopped"], false);
}

// On real Docker: a restart asked for while a deploy builds is an engine job in the app's turn, so
// it never acts on a container the deploy is retiring. Afterwards exactly one container of the app
// runs, the live deployment's, and the domain serves the new version. (The deterministic form of
// this race, which failed on the handler-run restart, is api/apps/container_routes_test.cpp.)
TEST_F(AppStop, RestartRacingADeployEndsWithOneLiveContainer) {
    commitVersion("v1");
    createApp();
    ASSERT_EQ(waitStatus(deploy(), terminal)["status"], "running");
    commitVersion("v2");
    auto v2 = deploy();
    auto restarted = call("POST", "/api/apps/" + appId + "/restart");
    EXPECT_TRUE(restarted.status == 200 || restarted.status == 202) << restarted.body;
    ASSERT_EQ(waitStatus(v2, terminal)["status"], "running");
    std::vector<std::string> running;
    for (auto end = std::chrono::steady_clock::now() + 60s; std::chrono::steady_clock::now() < end;) {
        running.clear();
        for (const auto& c : rt->listContainers(runtime::rivetrFilter(appId))) {
            if (rt->inspectContainer(c.id).state.running) running.push_back(c.labels.at(runtime::kDeploymentLabel));
        }
        if (running.size() == 1 && viaProxy().body == "version=v2\n") break;
        std::this_thread::sleep_for(200ms);
    }
    EXPECT_EQ(running, std::vector<std::string>{v2}) << "not exactly one running container, the live one";
    EXPECT_EQ(app()["live_deployment_id"], v2);
    EXPECT_EQ(viaProxy().body, "version=v2\n");
}

}  // namespace
}  // namespace rivetr
