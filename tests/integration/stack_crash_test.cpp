// SIGKILL of `rivetr serve` in the middle of a stack deploy's replace, then a restart: before the API answers, the
// service is back to one running container (the old one when the new one had not started, the new one otherwise),
// nothing set aside is left, the interrupted revision says so, and the stack deploys normally afterwards.
#include "stacks/compose_labels.hpp"
#include "stacks/service_replace.hpp"
#include "tests/integration/container_serve_fixture.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class StackCrash : public test::ContainerServeFixture, public ::testing::WithParamInterface<std::string> {
protected:
    StackCrash() : ContainerServeFixture("stack-crash") {}

    void TearDown() override {
        if (rt) {
            for (const auto& c : rt->queryContainers(stacks::labels::projectQuery(stack))) swallow([&] { rt->removeContainer(c.id, {.force = true}); });
            for (const auto& n : rt->listNetworks({{stacks::labels::kProject, stack}})) swallow([&] { rt->removeNetwork(n.id); });
        }
        ContainerServeFixture::TearDown();
    }

    std::string compose(const std::string& version) const {
        return "services:\n  web:\n    image: " + image + "\n    init: true\n    stop_grace_period: 1s\n    labels: {" +
               kRunLabel + ": " + run + "}\n    environment: {VERSION: " + version + "}\n";
    }

    std::vector<runtime::ContainerSummary> ours() {
        return rt->queryContainers(stacks::labels::projectQuery(stack));
    }

    // The paused deploy has visibly done its step on the engine.
    bool reached(const std::string& step) {
        for (auto end = std::chrono::steady_clock::now() + 60s; std::chrono::steady_clock::now() < end; std::this_thread::sleep_for(100ms)) {
            auto all = ours();
            bool aside = std::any_of(all.begin(), all.end(), [](const auto& c) { return stacks::isSetAside(c); });
            bool newRuns = std::any_of(all.begin(), all.end(), [&](const auto& c) { return stacks::labels::nameOf(c) == web && c.state == "running"; });
            if (step == "set_aside" && aside) return true;
            if (step == "started" && aside && newRuns) return true;
        }
        return false;
    }

    std::string stack = "crash" + run.substr(4, 8);
    std::string web = stack + "-web-1";
};

TEST_P(StackCrash, KilledMidReplaceEndsWithOneRunningContainerAfterRestart) {
    const std::string step = GetParam();
    ASSERT_EQ(call("POST", "/api/stacks", {{"name", stack}, {"compose", compose("old")}}).status, 201);
    auto first = call("POST", "/api/stacks/" + stack + "/deploy");
    ASSERT_EQ(first.status, 200) << first.body;
    std::string oldId = rt->inspectContainerJson(web)["Id"];

    stop(SIGTERM);
    extraEnv["RIVETR_TEST_FAILPOINTS"] = "stacks.replace." + step + "=pause:120000";
    start();
    ASSERT_EQ(call("PUT", "/api/stacks/" + stack, {{"compose", compose("new")}}).status, 200);
    std::thread deploy([&] { call("POST", "/api/stacks/" + stack + "/deploy"); });
    bool paused = reached(step);
    std::this_thread::sleep_for(300ms);
    stop(SIGKILL);
    deploy.join();
    ASSERT_TRUE(paused) << "the deploy never reached " << step;

    extraEnv.erase("RIVETR_TEST_FAILPOINTS");
    start();  // /health answers only after the stacks' recovery
    auto all = ours();
    ASSERT_EQ(all.size(), 1u) << "one container: none lost, none set aside";
    json now = rt->inspectContainerJson(web);
    EXPECT_TRUE(now["State"]["Running"].get<bool>());
    bool finished = step == "started";
    EXPECT_EQ(now["Id"] == oldId, !finished);
    EXPECT_NE(json(now["Config"]["Env"]).dump().find(finished ? "VERSION=new" : "VERSION=old"), std::string::npos);

    auto revisions = json::parse(call("GET", "/api/stacks/" + stack + "/revisions").body)["revisions"];
    ASSERT_EQ(revisions.size(), 2u);
    EXPECT_EQ(revisions[0]["status"], "failed");
    EXPECT_NE(revisions[0]["error"].get<std::string>().find("interrupted"), std::string::npos) << revisions[0].dump();

    auto again = call("POST", "/api/stacks/" + stack + "/deploy");
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_NE(json(rt->inspectContainerJson(web)["Config"]["Env"]).dump().find("VERSION=new"), std::string::npos);
    EXPECT_EQ(ours().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Steps, StackCrash, ::testing::Values("set_aside", "started"));

}  // namespace
}  // namespace rivetr
