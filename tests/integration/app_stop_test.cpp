// Stop means stopped until its user says otherwise: a restart of rivetr keeps the app parked (503,
// container not running); start brings it back and that too survives a restart.
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using nlohmann::json;

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

}  // namespace
}  // namespace rivetr
