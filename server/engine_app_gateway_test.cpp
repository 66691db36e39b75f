// The Docker manager's stop of an app's container is the app's own stop: the engine's job runs and records it.
#include "server/engine_app_gateway.hpp"

#include "containers/container_error.hpp"
#include "engine/testing/fake_engine_test.hpp"

namespace rivetr::server {
namespace {

using engine::testing::FakeEngineTest;

class EngineAppGatewayTest : public FakeEngineTest {};

TEST_F(EngineAppGatewayTest, StopAndStartGoThroughTheAppsActionsAndNameTheApp) {
    ASSERT_EQ(waitTerminal(deploy()), "running");
    EngineAppGateway gateway(*engine, apps);
    EXPECT_EQ(gateway.appName(appId), apps.find(appId)->name);
    EXPECT_EQ(gateway.appName("app_unknown"), "");

    gateway.act(appId, containers::AppVerb::Stop);
    EXPECT_TRUE(rt->runningContainers(runtime::rivetrFilter(appId)).empty());
    EXPECT_TRUE(apps.find(appId)->stopped) << "recorded as the app's stop: the supervisor leaves it stopped";
    gateway.act(appId, containers::AppVerb::Start);
    EXPECT_EQ(rt->runningContainers(runtime::rivetrFilter(appId)).size(), 1u);

    try {
        gateway.act("app_unknown", containers::AppVerb::Restart);
        FAIL() << "an unknown app";
    } catch (const containers::ContainerError& e) {
        EXPECT_EQ(e.status(), 404);
    }
}

TEST_F(EngineAppGatewayTest, AnActionTheAppRefusesIsA409WithItsCode) {
    EngineAppGateway gateway(*engine, apps);
    try {
        gateway.act(appId, containers::AppVerb::Start);  // never deployed
        FAIL() << "nothing to start";
    } catch (const containers::ContainerError& e) {
        EXPECT_EQ(e.status(), 409);
        EXPECT_EQ(e.code(), "not_deployed") << e.what();
    }
}

}  // namespace
}  // namespace rivetr::server
