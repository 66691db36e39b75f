// `rivetr containers` against a real `rivetr serve` and dockerd: the whole binary wires the manager's routes, and the
// CLI lists, inspects, creates from docker-run flags, follows the engine's events, acts on several containers at
// once, reads logs and removes (several too), with exit codes 0/1.
#include <signal.h>

#include <fstream>
#include <sstream>

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

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// create from flags (a busybox that exits 3): the id printed, the settings on the engine, the `die` with its exit code
// in `containers events`, which Ctrl-C ends with exit 0; a developer's refused create prints the policy's reason.
TEST_F(CliContainers, CreatesFromFlagsFollowsEventsAndRemovesSeveral) {
    std::string bb = "rivetr-test/cli-containers-bb:" + run;
    test::writeBusyboxContext(dir.path() / "bb");
    runtime::BuildRequest b;
    b.contextDir = dir.path() / "bb";
    b.tags = {bb};
    b.labels = {{kRunLabel, run}};
    rt->build(b);
    struct DropImage {
        runtime::ContainerRuntime* rt;
        std::string image;
        ~DropImage() { swallow([&] { rt->removeImage(image, true); }); }
    } drop{rt.get(), bb};

    SpawnOptions o;
    o.env = {{"RIVETR_URL", served.url()}, {"RIVETR_TOKEN", served.adminToken()}};
    o.stdoutFile = dir.path() / "events.out";
    auto follower = Process::spawn({test::rivetrBinary().string(), "containers", "events", "--json"}, o);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the stream is open before the container starts

    std::string label = std::string(kRunLabel) + "=" + run, name = nameFor("exits");
    auto created = cli({"containers", "create", "--name", name, "--label", label, "--env", "GREETING=hi", "-p", "8080/udp",
                        "--mount", "type=tmpfs,target=/scratch", "--restart", "no", "--memory", "64m", "--entrypoint",
                        "/bin/busybox", bb, "--", "sh", "-c", "exit 3"}, {}, false);
    ASSERT_EQ(created.exitCode, 0) << created.output;
    auto inspected = rt->inspectContainerJson(name);
    EXPECT_EQ(created.output, inspected["Id"].get<std::string>() + "\n");
    EXPECT_NE(inspected["Config"]["Env"].dump().find("GREETING=hi"), std::string::npos) << inspected["Config"].dump();
    EXPECT_EQ(inspected["Config"]["Cmd"], json({"sh", "-c", "exit 3"}));
    EXPECT_EQ(inspected["HostConfig"]["Memory"], 64 * 1024 * 1024);
    EXPECT_TRUE(inspected["Config"]["ExposedPorts"].contains("8080/udp")) << inspected["Config"].dump();

    std::string seen;
    for (int i = 0; i < 100 && seen.find("\"die\"") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        seen = readFile(dir.path() / "events.out");
    }
    bool died3 = false;
    std::istringstream lines(seen);
    for (std::string l; std::getline(lines, l);) {
        auto e = json::parse(l);
        if (e["action"] == "die" && e["attributes"].value("name", "") == name) died3 = e["attributes"]["exitCode"] == "3";
    }
    EXPECT_TRUE(died3) << seen;
    follower.signal(SIGINT);
    EXPECT_EQ(follower.wait(std::chrono::seconds(10)), 0) << "Ctrl-C ends the follow cleanly";

    auto token = json::parse(call("POST", "/api/tokens", {{"name", "dev"}, {"role", "developer"}}).body)["token"].get<std::string>();
    auto refused = cli({"containers", "create", "--name", nameFor("sock"), "--label", label, "--no-start", "--mount",
                        "type=bind,source=/run/docker.sock,target=/var/run/docker.sock", bb},
                       {{"RIVETR_TOKEN", token}});
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_NE(refused.output.find("docker.sock"), std::string::npos) << "the policy's reason: " << refused.output;
    EXPECT_EQ(cli({"containers", "inspect", nameFor("sock")}).exitCode, 1) << "nothing was created";
    EXPECT_EQ(cli({"containers", "create", "--env", "NOEQUALS", bb}).exitCode, 2);

    std::string other = make("other");
    auto removed = cli({"containers", "rm", name, "missing-" + run, other, "--force"});
    EXPECT_EQ(removed.exitCode, 1) << "one of three was not there: " << removed.output;
    EXPECT_NE(removed.output.find("removed " + name), std::string::npos) << removed.output;
    EXPECT_NE(removed.output.find("rm: missing-" + run + " failed"), std::string::npos) << removed.output;
    EXPECT_NE(removed.output.find("removed " + other), std::string::npos) << removed.output;
    EXPECT_EQ(cli({"containers", "list", "--label", label, "--json"}, {}, false).output.find(other), std::string::npos);
}

}  // namespace
}  // namespace rivetr
