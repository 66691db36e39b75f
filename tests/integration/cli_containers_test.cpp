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

}  // namespace
}  // namespace rivetr
