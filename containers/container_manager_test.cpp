// The container manager against the real dockerd: create with every field, clone identical but for the name, edit keeping
// what it does not change (and restoring on failure), the actions and their 409s, bulk, lists, and apps' containers.
#include "containers/container_manager.hpp"

#include <future>
#include <mutex>
#include <thread>

#include "containers/manager_test_fixture.hpp"

namespace rivetr::containers {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
using testing::ManagerTest;

class ContainerManagerTest : public ManagerTest {
protected:
    // A container with a bit of everything, on two networks with aliases and fixed addresses.
    ContainerConfig rich(const std::string& suffix, std::string& prefixA, std::string& prefixB) {
        std::string netA = subnetNetwork(prefixA), netB = subnetNetwork(prefixB);
        std::string volume = runtime::volumeName(app, "data");
        rt->createVolume(volume, runtime::rivetrLabels(app));
        ContainerConfig c = config(suffix);
        c.env = {{"GREETING", "hello"}, {"MODE", "test"}};
        c.ports = {{8000, 0, "127.0.0.1", "tcp"}};
        c.mounts = {{"volume", volume, "/data", false, "", nullptr},
                    {"bind", (bindRoot.path() / "site").string(), "/site", true, "", nullptr},
                    {"tmpfs", "", "/tmpfs", false, "", nullptr}};
        c.networks = {{netA, {"web", "www"}, prefixA + "10", ""}, {netB, {"api"}, prefixB + "11", ""}};
        c.restartPolicy = "on-failure";
        c.restartMaxRetries = 2;
        c.memory = 64 * 1024 * 1024;
        c.cpus = 0.5;
        c.labels["team"] = "blue";
        c.healthcheck = HealthcheckSpec{{"CMD", "/bin/busybox", "true"}, 5'000'000'000, 2'000'000'000, 0, 3};
        c.capAdd = {"NET_BIND_SERVICE"};
        c.securityOpt = {"no-new-privileges"};
        c.engineConfig = {{"Volumes", {{"/scratch", Json::object()}}}, {"StopTimeout", 3}};
        c.engineHostConfig = {{"CapDrop", {"MKNOD"}}, {"ExtraHosts", {"db:10.9.9.9"}}, {"Init", true}, {"ShmSize", 33554432}};
        return c;
    }

    // An inspect with what differs between two containers by nature taken out: ids, names, times,
    // state, the engine's short-id aliases, anonymous volume names and assigned addresses.
    static Json comparable(Json doc) {
        std::string shortId = doc["Id"].get<std::string>().substr(0, 12);
        for (const char* k : {"Id", "Created", "Name", "State", "ResolvConfPath", "HostnamePath", "HostsPath", "LogPath",
                              "RestartCount", "GraphDriver", "ExecIDs"})
            doc.erase(k);
        doc["Config"].erase("Hostname");
        Json nets = Json::object();
        const Json& endpoints = doc["NetworkSettings"]["Networks"];
        for (auto e = endpoints.begin(); e != endpoints.end(); ++e) {
            Json aliases = Json::array();
            for (const auto& a : e->value("Aliases", Json::array()))
                if (a != shortId) aliases.push_back(a);
            nets[e.key()] = {{"Aliases", aliases}, {"IPAMConfig", e->value("IPAMConfig", Json())}};
        }
        doc["NetworkSettings"] = nets;
        Json mounts = Json::array();
        for (auto m : doc["Mounts"]) {
            if (m.value("Name", "").size() == 64) m.erase("Name");  // anonymous: new for each container
            if (m.value("Type", "") == "volume") m.erase("Source");
            mounts.push_back(m);
        }
        std::sort(mounts.begin(), mounts.end(), [](const Json& a, const Json& b) { return a["Destination"] < b["Destination"]; });
        doc["Mounts"] = mounts;
        return doc;
    }

    std::string execOut(const std::string& id, const std::vector<std::string>& argv) {
        auto r = rt->exec(id, argv);
        EXPECT_EQ(r.exitCode, 0) << r.stderrText;
        return r.stdoutText;
    }
};

TEST_F(ContainerManagerTest, CreatesWithEveryFieldJoinsEveryNetworkAndStarts) {
    std::string prefixA, prefixB;
    ContainerConfig c = rich("rich", prefixA, prefixB);
    CreateOutcome made = manager->create("", c, store::Role::developer);
    EXPECT_TRUE(made.started);
    EXPECT_TRUE(made.dangerous.empty());
    EXPECT_EQ(made.name, c.name);

    Json doc = manager->inspect("local", c.name);
    EXPECT_TRUE(doc["State"]["Running"].get<bool>());
    EXPECT_TRUE(doc["rivetr"]["app_id"].is_null());
    const Json& nets = doc["NetworkSettings"]["Networks"];
    EXPECT_EQ(nets[c.networks[0].name]["IPAddress"], prefixA + "10");
    EXPECT_EQ(nets[c.networks[1].name]["IPAddress"], prefixB + "11") << "the second network joined before start";
    auto aliases = nets[c.networks[1].name]["Aliases"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), "api"), aliases.end());
    EXPECT_EQ(doc["HostConfig"]["RestartPolicy"]["MaximumRetryCount"], 2);
    EXPECT_EQ(doc["HostConfig"]["NanoCpus"], 500000000);
    EXPECT_EQ(doc["HostConfig"]["PortBindings"]["8000/tcp"][0]["HostIp"], "127.0.0.1");
    EXPECT_EQ(doc["Config"]["Healthcheck"]["Retries"], 3);
    EXPECT_EQ(doc["HostConfig"]["ExtraHosts"][0], "db:10.9.9.9");
    EXPECT_EQ(execOut(made.id, {"/bin/busybox", "sh", "-c", "echo $GREETING"}), "hello\n");
    EXPECT_EQ(execOut(made.id, {"/bin/busybox", "cat", "/etc/hosts"}).find("db") != std::string::npos, true);

    auto conflict = refusal([&] { manager->create("", c, store::Role::developer); });
    EXPECT_EQ(conflict.status(), 409) << conflict.what();
    ContainerConfig missing = config("noimage");
    missing.image = "rivetr-test/absent:nope";
    EXPECT_EQ(refusal([&] { manager->create("", missing, store::Role::developer); }).status(), 404);
    EXPECT_EQ(refusal([&] { manager->inspect("", name("absent")); }).status(), 404);
    EXPECT_EQ(refusal([&] { manager->inspect("far-away", c.name); }).code(), "host_not_found");
}

TEST_F(ContainerManagerTest, AFailedCreateLeavesNothingBehind) {
    ContainerConfig c = config("half");
    std::string prefix;
    c.networks = {{subnetNetwork(prefix), {}, "", ""}, {"rivetr-test-no-such-network", {}, "", ""}};
    auto e = refusal([&] { manager->create("", c, store::Role::developer); });
    EXPECT_EQ(e.status(), 404) << e.what();
    EXPECT_EQ(ours(), 0u) << "the container created before the failed connect is removed";
}

TEST_F(ContainerManagerTest, ACloneIsIdenticalToItsSourceButForTheName) {
    std::string prefixA, prefixB;
    ContainerConfig c = rich("source", prefixA, prefixB);
    c.mounts[1].bindEntry = c.mounts[1].source + ":/site:ro";  // declared the CLI's way, as a Binds entry
    manager->create("", c, store::Role::developer);
    CreateOutcome copy = manager->clone("", c.name, name("copy"), store::Role::developer);
    EXPECT_FALSE(copy.started) << "fixed addresses are the source's while it runs: a clone starts only when asked";

    Json a = comparable(rt->inspectContainerJson(c.name)), b = comparable(rt->inspectContainerJson(copy.id));
    EXPECT_EQ(a, b) << Json::diff(a, b).dump(2);
    EXPECT_EQ(rt->inspectContainerJson(copy.id)["Name"], "/" + name("copy"));
    EXPECT_EQ(a["HostConfig"]["Binds"], Json({c.mounts[1].bindEntry}));
    EXPECT_EQ(refusal([&] { manager->clone("", c.name, "bad name", store::Role::developer); }).field(), "name");
}

TEST_F(ContainerManagerTest, AnEditChangesWhatItNamesAndKeepsEverythingElseAndTheVolumeData) {
    std::string prefixA, prefixB;
    ContainerConfig c = rich("edited", prefixA, prefixB);
    CreateOutcome before = manager->create("", c, store::Role::developer);
    rt->exec(before.id, {"/bin/busybox", "sh", "-c", "echo kept > /scratch/f && echo named > /data/f"});
    Json old = comparable(rt->inspectContainerJson(before.id));

    CreateOutcome after = manager->edit("", c.name, {{"env", {{"GREETING", "bonjour"}}}, {"memory", "96m"}}, store::Role::developer);
    EXPECT_NE(after.id, before.id);
    EXPECT_EQ(after.name, c.name);
    EXPECT_TRUE(after.started);
    EXPECT_EQ(ours(), 1u) << "the old container is gone, no temporary one is left";
    Json now = comparable(rt->inspectContainerJson(c.name));
    EXPECT_TRUE(rt->inspectContainerJson(c.name)["State"]["Running"].get<bool>());
    EXPECT_EQ(execOut(after.id, {"/bin/busybox", "sh", "-c", "echo $GREETING"}), "bonjour\n");
    EXPECT_EQ(now["HostConfig"]["Memory"], 96 * 1024 * 1024);
    EXPECT_EQ(now["HostConfig"]["MemorySwap"], 2 * 96 * 1024 * 1024) << "the engine recomputed the swap limit";
    EXPECT_EQ(now["NetworkSettings"], old["NetworkSettings"]) << "networks with aliases and fixed addresses";
    EXPECT_EQ(now["Config"]["Labels"], old["Config"]["Labels"]);
    EXPECT_EQ(now["Config"]["Healthcheck"], old["Config"]["Healthcheck"]);
    EXPECT_EQ(now["HostConfig"]["CapDrop"], old["HostConfig"]["CapDrop"]);
    EXPECT_EQ(now["HostConfig"]["ExtraHosts"], old["HostConfig"]["ExtraHosts"]);
    EXPECT_EQ(execOut(after.id, {"/bin/busybox", "cat", "/scratch/f"}), "kept\n") << "the anonymous volume came along";
    EXPECT_EQ(execOut(after.id, {"/bin/busybox", "cat", "/data/f"}), "named\n");
    EXPECT_EQ(refusal([&] { manager->edit("", c.name, {{"imgae", "x"}}, store::Role::developer); }).field(), "imgae");
}

TEST_F(ContainerManagerTest, AFailedEditBringsTheOldContainerBackRunning) {
    ContainerConfig c = config("keep");
    CreateOutcome before = manager->create("", c, store::Role::developer);
    auto e = refusal([&] { manager->edit("", c.name, {{"entrypoint", {"/does/not/exist"}}}, store::Role::developer); });
    EXPECT_GE(e.status(), 400) << e.what();
    EXPECT_NE(std::string(e.what()).find("restored"), std::string::npos) << e.what();
    Json doc = rt->inspectContainerJson(c.name);
    EXPECT_EQ(doc["Id"], before.id) << "the same container, under its name";
    EXPECT_TRUE(doc["State"]["Running"].get<bool>());
    EXPECT_EQ(ours(), 1u);
}

TEST_F(ContainerManagerTest, ActionsFollowTheEngineAndAnInvalidStateIs409WithItsReason) {
    ContainerConfig c = config("acts");
    std::string id = manager->create("", c, store::Role::developer, false).id;
    auto paused = refusal([&] { manager->act("", id, ContainerAction::Pause); });
    EXPECT_EQ(paused.status(), 409);
    EXPECT_EQ(paused.code(), "invalid_state");
    EXPECT_NE(std::string(paused.what()).find("not running"), std::string::npos) << paused.what();
    auto state = [&] { return rt->inspectContainer(id).state.status; };
    manager->act("", id, ContainerAction::Start);
    EXPECT_EQ(state(), "running");
    manager->act("", id, ContainerAction::Pause);
    EXPECT_EQ(state(), "paused");
    EXPECT_EQ(refusal([&] { manager->act("", id, ContainerAction::Pause); }).status(), 409);
    manager->act("", id, ContainerAction::Unpause);
    EXPECT_EQ(state(), "running");
    EXPECT_EQ(refusal([&] { manager->act("", id, ContainerAction::Unpause); }).status(), 409);
    manager->act("", id, ContainerAction::Restart, {.grace = 2s});
    EXPECT_EQ(state(), "running");
    EXPECT_EQ(refusal([&] { manager->act("", id, ContainerAction::Remove); }).status(), 409) << "running: not without force";
    manager->act("", id, ContainerAction::Kill, {.signal = "SIGKILL"});
    EXPECT_EQ(state(), "exited");
    manager->rename("", id, name("renamed"));
    EXPECT_EQ(rt->inspectContainer(id).name, name("renamed"));
    EXPECT_EQ(refusal([&] { manager->rename("", id, "../x"); }).status(), 400);
    manager->act("", id, ContainerAction::Start);
    manager->act("", id, ContainerAction::Stop, {.grace = 2s});
    EXPECT_EQ(state(), "exited");
    manager->act("", id, ContainerAction::Remove, {.volumes = true});
    EXPECT_EQ(refusal([&] { manager->act("", id, ContainerAction::Start); }).status(), 404);
}

TEST_F(ContainerManagerTest, BulkActsOnEachAndAnswersForEach) {
    std::string a = manager->create("", config("bulk-a"), store::Role::developer).id;
    std::string b = manager->create("", config("bulk-b"), store::Role::developer).id;
    auto results = manager->bulk("", {a, name("bulk-b"), name("bulk-missing")}, ContainerAction::Stop, {.grace = 2s});
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0].status, 200);
    EXPECT_EQ(results[1].status, 200);
    EXPECT_EQ(results[2].status, 404);
    EXPECT_EQ(results[2].id, name("bulk-missing"));
    EXPECT_FALSE(rt->inspectContainer(a).state.running);
    EXPECT_FALSE(rt->inspectContainer(b).state.running);
    EXPECT_EQ(refusal([&] { manager->bulk("", {}, ContainerAction::Stop); }).field(), "ids");
}

TEST_F(ContainerManagerTest, ListsEveryContainerWithFiltersAndSearch) {
    manager->create("", config("list-run"), store::Role::developer);
    ContainerConfig tagged = config("list-new");
    tagged.labels["tier"] = "Gold";
    manager->create("", tagged, store::Role::developer, false);
    ListQuery q;
    q.engine.labels = {{kRunLabel, run}};
    EXPECT_EQ(manager->list(q).rows.size(), 2u);
    q.engine.states = {"created"};
    auto created = manager->list(q).rows;
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(created[0].summary.name, name("list-new"));
    EXPECT_EQ(created[0].host, "local");
    q.engine.states.clear();
    q.search = "tier=gold";
    EXPECT_EQ(manager->list(q).rows.size(), 1u) << "search is case-insensitive and looks into labels";
    q.search = "LIST-RUN";
    EXPECT_EQ(manager->list(q).rows.size(), 1u);
    ListQuery everywhere;
    everywhere.host = "*";
    everywhere.engine.images = {image};
    auto all = manager->list(everywhere);
    EXPECT_EQ(all.rows.size(), 2u);
    EXPECT_TRUE(all.unreachable.empty());
    EXPECT_EQ(refusal([&] { ListQuery far; far.host = "far-away"; manager->list(far); }).status(), 404);
}

TEST_F(ContainerManagerTest, ReadsStatsProcessesLogsAndEventsOfAnyContainer) {
    runtime::CancelToken cancel;
    std::vector<runtime::Event> events;
    std::mutex m;
    auto listener = std::async(std::launch::async, [&] {
        try {
            manager->events("", [&](const runtime::Event& e) {
                std::lock_guard lock(m);
                events.push_back(e);
            }, cancel);
        } catch (const ContainerError&) {
        }
    });
    std::this_thread::sleep_for(300ms);
    ContainerConfig c = config("reads");
    std::string id = manager->create("", c, store::Role::developer).id;
    runtime::Stats st = manager->stats("", c.name);
    EXPECT_GT(st.memoryUsageBytes, 0u);
    EXPECT_GT(st.pids, 0u);
    runtime::ProcessList ps = manager->top("", c.name);
    EXPECT_FALSE(ps.processes.empty());
    rt->exec(id, {"/bin/busybox", "sh", "-c", "echo to-the-log > /proc/1/fd/1"});
    std::string out;
    for (int i = 0; i < 50 && out.find("to-the-log") == std::string::npos; ++i) {
        out.clear();
        runtime::LogOptions lo;
        lo.tail = 20;
        manager->logs("", c.name, lo, [&](runtime::LogStream, std::string_view d) { out.append(d); });
        std::this_thread::sleep_for(50ms);
    }
    EXPECT_NE(out.find("to-the-log"), std::string::npos) << out;
    auto started = [&] {
        std::lock_guard lock(m);
        return std::any_of(events.begin(), events.end(), [&](const runtime::Event& e) { return e.id == id && e.action == "start"; });
    };
    for (int i = 0; i < 100 && !started(); ++i) std::this_thread::sleep_for(50ms);
    cancel.cancel();
    listener.wait();
    EXPECT_TRUE(started()) << "the unfiltered event stream carries a container no app owns";
    EXPECT_EQ(refusal([&] { manager->top("", name("absent")); }).status(), 404);
}

TEST_F(ContainerManagerTest, AnAppsContainerIsMarkedAndNeverChangedBehindTheApp) {
    Json labels = runtime::rivetrLabels(app, "dep_1");
    labels[kRunLabel] = run;  // a clone keeps it: the fixture's cleanup finds the clone too
    Json body = {{"Image", image}, {"Labels", labels}};
    std::string id = rt->createContainerFromJson(runtime::containerName(app, "dep_1"), body);
    rt->startContainer(id);

    ListQuery q;
    q.app = app;
    auto rows = manager->list(q).rows;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].appId, app);
    EXPECT_EQ(rows[0].appName, "shop");
    EXPECT_EQ(manager->inspect("", id)["rivetr"]["app_name"], "shop");

    manager->act("", id, ContainerAction::Stop);
    manager->act("", id, ContainerAction::Restart);
    ASSERT_EQ(apps.calls.size(), 2u);
    EXPECT_EQ(apps.calls[0], std::make_pair(app, AppVerb::Stop)) << "the app's own stop, serialised with its deploys";
    EXPECT_EQ(apps.calls[1].second, AppVerb::Restart);
    EXPECT_TRUE(rt->inspectContainer(id).state.running) << "the manager itself did not touch it";

    for (auto action : {ContainerAction::Remove, ContainerAction::Pause, ContainerAction::Kill}) {
        auto e = refusal([&] { manager->act("", id, action, {.force = true}); });
        EXPECT_EQ(e.status(), 409);
        EXPECT_EQ(e.code(), "app_container");
        EXPECT_NE(std::string(e.what()).find("'shop'"), std::string::npos) << e.what();
    }
    EXPECT_EQ(refusal([&] { manager->rename("", id, name("stolen")); }).code(), "app_container");
    EXPECT_EQ(refusal([&] { manager->edit("", id, {{"env", Json::object()}}, store::Role::admin); }).code(), "app_container");
    EXPECT_TRUE(rt->inspectContainer(id).state.running);

    CreateOutcome copy = manager->clone("", id, name("app-copy"), store::Role::developer);
    EXPECT_EQ(rt->inspectContainer(copy.id).labels.at(runtime::kAppLabel), "") << "a clone is nobody's app";
    EXPECT_EQ(manager->list(q).rows.size(), 1u);
    manager->act("", copy.id, ContainerAction::Remove, {.force = true});
    EXPECT_EQ(apps.calls.size(), 2u);
    ContainerConfig fake = config("fake-app");
    fake.labels[runtime::kAppLabel] = app;
    EXPECT_EQ(refusal([&] { manager->create("", fake, store::Role::admin); }).field(), "labels." + std::string(runtime::kAppLabel))
        << "nobody makes a container look like an app's";
}

}  // namespace
}  // namespace rivetr::containers
