// SIGKILL of `rivetr serve` in the middle of a container edit (a recreate), then a restart: the edit is finished or
// rolled back before the API answers again, one container holds the name and runs, and the recovery is audited.
#include "tests/integration/container_serve_fixture.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ContainerEditCrash : public test::ContainerServeFixture, public ::testing::WithParamInterface<std::string> {
protected:
    ContainerEditCrash() : ContainerServeFixture("edit-crash") {}

    std::vector<runtime::ContainerSummary> ours(const std::string& nameLike = "") {
        runtime::ContainerQuery q;
        q.labels = {{kRunLabel, run}};
        if (!nameLike.empty()) q.names = {nameLike};
        return rt ? rt->queryContainers(q) : std::vector<runtime::ContainerSummary>{};
    }

    // Until the paused edit has visibly done its step (what the engine shows of it).
    bool reached(const std::string& step) {
        for (auto end = std::chrono::steady_clock::now() + 60s; std::chrono::steady_clock::now() < end;
             std::this_thread::sleep_for(100ms)) {
            if (step == "created" && !ours(name + "-rivetr-edit-").empty()) return true;
            if (step == "parked" && !ours(name + "-rivetr-old-").empty()) return true;
            if (step == "renamed" && ours(name + "-rivetr-edit-").empty() && !ours(name + "-rivetr-old-").empty())
                return true;  // the new one took the name, the parked old one is not removed yet
        }
        return false;
    }

    std::string name = nameFor("web");
};

TEST_P(ContainerEditCrash, KilledMidEditIsFinishedOrRolledBackOnRestart) {
    const std::string step = GetParam();
    stop(SIGTERM);
    extraEnv["RIVETR_TEST_FAILPOINTS"] = "containers.edit." + step + "=pause:120000";
    start();
    ASSERT_EQ(make("web", {{"env", {{"VERSION", "old"}}}}), name);
    std::string oldId = rt->inspectContainerJson(name)["Id"];

    std::thread edit([&] { call("PUT", "/api/containers/" + name, {{"env", {{"VERSION", "new"}}}}); });
    bool paused = reached(step);
    std::this_thread::sleep_for(300ms);  // well inside the pause
    stop(SIGKILL);
    edit.join();
    ASSERT_TRUE(paused) << "the edit never reached " << step;

    extraEnv.erase("RIVETR_TEST_FAILPOINTS");
    start();  // /health answers only after the recovery pass
    bool finished = step == "renamed";
    ASSERT_EQ(ours().size(), 1u) << "one container: none lost, none left over";
    json now = rt->inspectContainerJson(name);
    EXPECT_TRUE(now["State"]["Running"].get<bool>()) << "it ran before the edit";
    EXPECT_EQ(now["Id"] == oldId, !finished);
    std::string env = json(now["Config"]["Env"]).dump();
    EXPECT_NE(env.find(finished ? "VERSION=new" : "VERSION=old"), std::string::npos) << env;

    auto audit = json::parse(call("GET", "/api/audit").body);
    auto entries = audit.is_object() ? audit.value("entries", json::array()) : audit;
    auto recovered = std::find_if(entries.begin(), entries.end(), [](const json& e) { return e["action"] == "container.edit_recovered"; });
    ASSERT_NE(recovered, entries.end()) << audit.dump();
    EXPECT_NE(recovered->dump().find(finished ? "finished" : "rolled_back"), std::string::npos) << recovered->dump();

    // And the container edits normally afterwards.
    auto again = call("PUT", "/api/containers/" + name, {{"env", {{"VERSION", "third"}}}});
    EXPECT_EQ(again.status, 200) << again.body;
}

INSTANTIATE_TEST_SUITE_P(Steps, ContainerEditCrash, ::testing::Values("created", "parked", "renamed"));

// An edit that ends unfinished while serve keeps running (here a step throws; in life its rollback met an
// engine that did not answer) is put right by the running server's recovery pass, not at the next restart.
TEST_F(ContainerEditCrash, AnEditLeftUnfinishedIsRolledBackWithoutARestart) {
    stop(SIGTERM);
    extraEnv["RIVETR_TEST_FAILPOINTS"] = "containers.edit.started=fail";
    extraEnv["RIVETR_DOCKER_EDIT_RECOVERY_INTERVAL_S"] = "1";
    start();
    ASSERT_EQ(make("web", {{"env", {{"VERSION", "old"}}}}), name);
    std::string oldId = rt->inspectContainerJson(name)["Id"];

    auto failed = call("PUT", "/api/containers/" + name, {{"env", {{"VERSION", "new"}}}});
    EXPECT_GE(failed.status, 500) << failed.body;
    auto restoredNow = [&] {
        auto list = ours();
        if (list.size() != 1) return false;
        json now = rt->inspectContainerJson(name);
        return now["Id"] == oldId && now["State"]["Running"].get<bool>();
    };
    bool restored = false;
    for (auto end = std::chrono::steady_clock::now() + 20s; !restored && std::chrono::steady_clock::now() < end;
         std::this_thread::sleep_for(200ms))
        restored = restoredNow();
    ASSERT_TRUE(restored) << "the old container is back under its name and running, the new one gone ("
                          << ours().size() << " containers)";
    std::string audit = call("GET", "/api/audit").body;
    EXPECT_NE(audit.find("container.edit_recovered"), std::string::npos) << audit;
    EXPECT_NE(audit.find("rolled_back"), std::string::npos) << audit;
}

// The same pass never touches an edit still under way: one that waits in its stop for several passes
// finishes as edited, and nothing is reported recovered.
TEST_F(ContainerEditCrash, AnEditUnderWayIsLeftAloneByTheRecoveryPass) {
    stop(SIGTERM);
    extraEnv["RIVETR_TEST_FAILPOINTS"] = "containers.edit.stopped=pause:4000";
    extraEnv["RIVETR_DOCKER_EDIT_RECOVERY_INTERVAL_S"] = "1";
    start();
    ASSERT_EQ(make("web", {{"env", {{"VERSION", "old"}}}}), name);

    auto edited = call("PUT", "/api/containers/" + name, {{"env", {{"VERSION", "new"}}}});
    EXPECT_EQ(edited.status, 200) << edited.body;
    ASSERT_EQ(ours().size(), 1u);
    json now = rt->inspectContainerJson(name);
    EXPECT_TRUE(now["State"]["Running"].get<bool>());
    EXPECT_NE(json(now["Config"]["Env"]).dump().find("VERSION=new"), std::string::npos) << now["Config"]["Env"].dump();
    EXPECT_EQ(call("GET", "/api/audit").body.find("container.edit_recovered"), std::string::npos);
}

}  // namespace
}  // namespace rivetr
