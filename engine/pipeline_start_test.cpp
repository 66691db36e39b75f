// The start stage on the engine's test doubles: what a deployment says when its new container dies at once.
#include <gtest/gtest.h>

#include <atomic>

#include "engine/testing/fake_engine_test.hpp"

namespace rivetr::engine {
namespace {

class PipelineStartTest : public testing::FakeEngineTest {};

// The container exits with code 3 and its restart policy brings it back at once: the check that
// proves the container sees it "restarting", and by the time the exit is looked up it runs again
// (the engine has cleared its exit code). The deployment still fails, naming the exit code.
TEST_F(PipelineStartTest, AContainerItsRestartPolicyBringsBackStillFailsWithItsExitCode) {
    std::atomic<int> inspections{0};
    rt->inspected = [&](runtime::ContainerInfo& info) {
        if (info.labels.count("rivetr.deployment") && info.labels.at("rivetr.deployment") == "dep_base") return;
        int n = ++inspections;
        if (n == 1) return;  // published its port
        if (n == 2) {
            info.state.running = true;
            info.state.restarting = true;
            info.state.status = "restarting";
            info.state.exitCode = 3;
            return;
        }
        info.restartCount = 1;  // running again, its exit code cleared
    };
    auto id = deploy();
    EXPECT_EQ(waitTerminal(id), "failed");
    auto error = deployments.get(id)->error.value_or("");
    EXPECT_NE(error.find("exited with code 3"), std::string::npos) << error;
    EXPECT_TRUE(traffic.history().empty()) << "a container that exited is never routed";
}

}  // namespace
}  // namespace rivetr::engine
