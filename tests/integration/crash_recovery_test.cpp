// SIGKILL of `rivetr serve` at every pipeline stage, then a restart: the deployment ends terminal,
// the right version is served, and no Rivetr-labelled container is left behind.
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class CrashRecovery : public test::ServeFixture, public ::testing::WithParamInterface<std::string> {
protected:
    CrashRecovery() : ServeFixture("crash") {}

    // Restarts the server so that deployments pause at `point` (core/failpoint.hpp).
    void restartPausingAt(const std::string& point) {
        stop(SIGTERM);
        extraEnv["RIVETR_TEST_FAILPOINTS"] = "pipeline." + point + "=pause:120000";
        start();
    }

    // Waits until the paused deployment has reached the failpoint of `point`.
    void waitUntilPausedAt(const std::string& point, const std::string& id) {
        if (point == "switched") {
            auto end = std::chrono::steady_clock::now() + 120s;
            while (std::chrono::steady_clock::now() < end) {
                auto app = json::parse(call("GET", "/api/apps/" + appId).body, nullptr, false);
                if (app.is_object() && app.value("live_deployment_id", json()) == id) break;
                std::this_thread::sleep_for(100ms);
            }
        } else {
            waitStatus(id, [&](const std::string& s) { return s == point; });
        }
        std::this_thread::sleep_for(300ms);  // inside the pause, well past the persisted transition
        EXPECT_EQ(deployment(id)["status"], point == "switched" ? "switching" : point) << "the pause did not hold";
    }

    std::size_t containersOf(const std::string& deploymentId = "") {
        return rt->listContainers(deploymentId.empty() ? runtime::rivetrFilter(appId)
                                                        : runtime::rivetrFilter(appId, deploymentId))
            .size();
    }
};

TEST_P(CrashRecovery, KilledMidStageRecoversOnRestart) {
    const std::string point = GetParam();
    commitVersion("v1");
    createApp();
    auto v1 = deploy();
    ASSERT_EQ(waitStatus(v1, terminal)["status"], "running");
    ASSERT_EQ(viaProxy().body, "version=v1\n");

    restartPausingAt(point);
    commitVersion("v2");
    auto v2 = deploy();
    waitUntilPausedAt(point, v2);
    stop(SIGKILL);

    extraEnv.erase("RIVETR_TEST_FAILPOINTS");
    start();
    auto d = waitStatus(v2, terminal, 30s);
    if (point == "switched") {
        // The switch was committed before the crash: v2 is the live version, v1 was replaced.
        EXPECT_EQ(d["status"], "running") << d.dump();
        EXPECT_EQ(deployment(v1)["status"], "replaced");
        EXPECT_EQ(viaProxy().body, "version=v2\n");
        EXPECT_EQ(containersOf(v1), 0u) << "the replaced container was not removed";
    } else {
        EXPECT_EQ(d["status"], "failed") << d.dump();
        EXPECT_NE(d.value("error", "").find("interrupted by a restart of rivetr during " + point), std::string::npos)
            << d.dump();
        EXPECT_EQ(deployment(v1)["status"], "running");
        EXPECT_EQ(viaProxy().body, "version=v1\n") << "the live version is not served after the restart";
        EXPECT_EQ(containersOf(v2), 0u) << "the interrupted deployment left a container";
    }
    EXPECT_EQ(containersOf(), 1u) << "orphaned containers remain";

    // And the app deploys normally afterwards: nothing stayed stuck in the queue.
    commitVersion("v3");
    auto v3 = deploy();
    const auto d3 = waitStatus(v3, terminal);
    EXPECT_EQ(d3["status"], "running") << d3.dump();  // the error says why (seen once in CI without it)
    EXPECT_EQ(viaProxy().body, "version=v3\n");
}

INSTANTIATE_TEST_SUITE_P(EveryStage, CrashRecovery,
                         ::testing::Values("cloning", "building", "starting", "checking", "switching", "switched"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace rivetr
