// `rivetr containers` against a real `rivetr serve` and dockerd: the whole binary wires the manager's routes, and the
// CLI lists, inspects, acts on several containers at once, reads logs and removes, with exit codes 0/1.
#include "tests/integration/container_serve_fixture.hpp"

namespace rivetr {
namespace {

using nlohmann::json;

class CliContainers : public test::ContainerServeFixture {
protected:
    CliContainers() : ContainerServeFixture("cli-containers") {}
};

TEST_F(CliContainers, ListsInspectsActsInBulkReadsLogsAndRemoves) {
    std::string a = make("a"), b = make("b");
    auto listed = cli({"containers", "list", "--label", std::string(kRunLabel) + "=" + run, "--json"}, {}, false);
    ASSERT_EQ(listed.exitCode, 0) << listed.output;
    EXPECT_EQ(json::parse(listed.output)["containers"].size(), 2u);
    auto table = cli({"containers", "list", "--search", a});
    EXPECT_EQ(table.exitCode, 0) << table.output;
    EXPECT_NE(table.output.find(a), std::string::npos) << table.output;
    EXPECT_NE(table.output.find("running"), std::string::npos) << table.output;

    auto inspect = cli({"containers", "inspect", a}, {}, false);
    ASSERT_EQ(inspect.exitCode, 0) << inspect.output;
    EXPECT_EQ(json::parse(inspect.output)["config"]["name"], a);

    auto stopped = cli({"containers", "stop", a, b, "--grace", "2"});
    EXPECT_EQ(stopped.exitCode, 0) << stopped.output;
    EXPECT_FALSE(rt->inspectContainer(a).state.running);
    EXPECT_FALSE(rt->inspectContainer(b).state.running);
    EXPECT_EQ(cli({"containers", "start", a}).exitCode, 0);
    EXPECT_TRUE(rt->inspectContainer(a).state.running);
    RunResult logs;
    for (int i = 0; i < 50 && logs.output.find("testserver listening") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the engine writes the log file asynchronously
        logs = cli({"containers", "logs", a, "-n", "5"});
        EXPECT_EQ(logs.exitCode, 0) << logs.output;
    }
    EXPECT_NE(logs.output.find("testserver listening"), std::string::npos) << logs.output;

    auto refused = cli({"containers", "rm", a});
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_NE(refused.output.find("409"), std::string::npos) << "running: the engine's reason" << refused.output;
    EXPECT_EQ(cli({"containers", "rm", a, "--force"}).exitCode, 0);
    auto gone = cli({"containers", "rm", a});
    EXPECT_EQ(gone.exitCode, 1);
    EXPECT_NE(gone.output.find("404"), std::string::npos) << gone.output;
    auto partly = cli({"containers", "restart", a, b});
    EXPECT_EQ(partly.exitCode, 1) << "one of two failed: " << partly.output;
    EXPECT_EQ(cli({"containers", "frobnicate"}).exitCode, 2);
}

TEST_F(CliContainers, PausesKillsRenamesClonesAndReadsStatsAndProcesses) {
    std::string a = make("a");
    auto paused = cli({"containers", "pause", a});
    EXPECT_EQ(paused.exitCode, 0) << paused.output;
    EXPECT_TRUE(rt->inspectContainerJson(a)["State"]["Paused"].get<bool>());
    auto again = cli({"containers", "pause", a});
    EXPECT_EQ(again.exitCode, 1) << "already paused: the engine's 409" << again.output;
    EXPECT_NE(again.output.find("409"), std::string::npos) << again.output;
    EXPECT_EQ(cli({"containers", "unpause", a}).exitCode, 0);
    EXPECT_FALSE(rt->inspectContainerJson(a)["State"]["Paused"].get<bool>());

    auto top = cli({"containers", "top", a});
    EXPECT_EQ(top.exitCode, 0) << top.output;
    EXPECT_NE(top.output.find("PID"), std::string::npos) << top.output;
    EXPECT_NE(top.output.find("testserver"), std::string::npos) << top.output;
    auto stats = cli({"containers", "stats", a, "--json"}, {}, false);
    ASSERT_EQ(stats.exitCode, 0) << stats.output;
    EXPECT_GT(json::parse(stats.output)["memory_bytes"].get<double>(), 0) << stats.output;

    std::string renamed = nameFor("renamed");
    EXPECT_EQ(cli({"containers", "rename", a, renamed}).exitCode, 0);
    EXPECT_EQ(rt->inspectContainerJson(renamed)["Name"], "/" + renamed);
    std::string copy = nameFor("copy");
    auto cloned = cli({"containers", "clone", renamed, copy, "--start"});
    EXPECT_EQ(cloned.exitCode, 0) << cloned.output;
    EXPECT_TRUE(rt->inspectContainerJson(copy)["State"]["Running"].get<bool>());

    auto killed = cli({"containers", "kill", copy, "--signal", "SIGKILL"});
    EXPECT_EQ(killed.exitCode, 0) << killed.output;
    EXPECT_FALSE(rt->inspectContainerJson(copy)["State"]["Running"].get<bool>());
    auto audit = call("GET", "/api/audit").body;
    for (const char* action : {"container.pause", "container.unpause", "container.rename", "container.clone", "container.kill"})
        EXPECT_NE(audit.find(action), std::string::npos) << action << " audited";
}

}  // namespace
}  // namespace rivetr
