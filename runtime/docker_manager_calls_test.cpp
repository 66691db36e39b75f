// The engine calls the Docker manager needs, against the real dockerd: every container listed and filtered,
// the whole inspect document, create from a create body plus endpoints with aliases and a fixed IP, top,
// the unfiltered event stream, and removal with or without anonymous volumes.
#include <future>
#include <thread>

#include "runtime/runtime_test_fixture.hpp"
#include "runtime/testing/event_recorder.hpp"

namespace rivetr::runtime {
namespace {

using namespace std::chrono_literals;
using testing::RuntimeTest;
using Json = nlohmann::json;

class DockerManagerCallsTest : public RuntimeTest {
protected:
    // A create body as the manager sends it: the image's busybox sleeping, our labels for cleanup.
    Json sleeperBody(const std::string& image) {
        Json labels = rivetrLabels(app);
        labels["s8.role"] = "sleeper";
        return {{"Image", image},
                {"Entrypoint", {"/bin/busybox", "sleep", "600"}},
                {"Labels", labels},
                {"HostConfig", {{"Init", true}}}};
    }
};

TEST_F(DockerManagerCallsTest, QueriesEveryContainerAndFiltersByStateNameImageAndLabel) {
    auto image = buildTestserver("dep_1");
    std::string running = rt->createContainerFromJson(containerName(app, "run"), sleeperBody(image));
    rt->startContainer(running);
    std::string created = rt->createContainerFromJson(containerName(app, "new"), sleeperBody(image));

    ContainerQuery mine;
    mine.labels = rivetrFilter(app);
    auto both = rt->queryContainers(mine);
    ASSERT_EQ(both.size(), 2u);

    ContainerQuery all;  // no label at all: the engine's every container, ours among them
    auto every = rt->queryContainers(all);
    EXPECT_GE(every.size(), 2u);
    auto isOurs = [&](const ContainerSummary& s) { return s.id == running || s.id == created; };
    EXPECT_EQ(std::count_if(every.begin(), every.end(), isOurs), 2);

    ContainerQuery byState = mine;
    byState.states = {"running"};
    auto r = rt->queryContainers(byState);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].id, running);
    EXPECT_EQ(r[0].names, std::vector<std::string>{containerName(app, "run")});
    EXPECT_EQ(r[0].image, image);
    EXPECT_EQ(r[0].imageId.rfind("sha256:", 0), 0u);
    EXPECT_EQ(r[0].labels.at("s8.role"), "sleeper");
    EXPECT_GT(r[0].created, 0);
    EXPECT_NE(r[0].status.find("Up"), std::string::npos) << r[0].status;

    ContainerQuery byName = mine;
    byName.names = {containerName(app, "new")};
    ASSERT_EQ(rt->queryContainers(byName).size(), 1u);
    EXPECT_EQ(rt->queryContainers(byName)[0].state, "created");

    ContainerQuery byImage;
    byImage.images = {image};
    EXPECT_EQ(rt->queryContainers(byImage).size(), 2u);

    ContainerQuery notRunning = mine;
    notRunning.all = false;
    EXPECT_EQ(rt->queryContainers(notRunning).size(), 1u) << "all=false lists running ones only";
}

TEST_F(DockerManagerCallsTest, CreatesFromABodyConnectsEndpointsWithAliasesAndFixedIpAndShowsTheWholeInspect) {
    auto image = buildTestserver("dep_1");
    std::string prefixA, prefixB;
    std::string netA = subnetNetwork(prefixA), netB = subnetNetwork(prefixB);
    Json body = sleeperBody(image);
    body["HostConfig"]["NetworkMode"] = netA;
    body["NetworkingConfig"]["EndpointsConfig"][netA] = {{"Aliases", {"first"}},
                                                        {"IPAMConfig", {{"IPv4Address", prefixA + "7"}}}};
    body["HostConfig"]["CapAdd"] = {"NET_BIND_SERVICE"};
    std::string id = rt->createContainerFromJson(containerName(app, "net"), body);
    EndpointSettings second;
    second.aliases = {"second", "other"};
    second.ipv4Address = prefixB + "9";
    rt->connectEndpoint(netB, id, second);
    rt->startContainer(id);

    Json doc = rt->inspectContainerJson(containerName(app, "net"));  // a name works as well as the id
    EXPECT_EQ(doc["Id"], id);
    EXPECT_EQ(doc["HostConfig"]["CapAdd"], Json({"NET_BIND_SERVICE"})) << "settings typed structs do not carry";
    const Json& nets = doc["NetworkSettings"]["Networks"];
    ASSERT_TRUE(nets.contains(netA) && nets.contains(netB)) << nets.dump();
    EXPECT_EQ(nets[netA]["IPAddress"], prefixA + "7");
    EXPECT_EQ(nets[netB]["IPAddress"], prefixB + "9");
    auto aliases = nets[netB]["Aliases"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), "second"), aliases.end());
    EXPECT_NE(std::find(aliases.begin(), aliases.end(), "other"), aliases.end());
    EXPECT_EQ(nets[netA]["Aliases"][0], "first");

    Json imageDoc = rt->inspectImageJson(image);
    EXPECT_EQ(imageDoc["Id"], doc["Image"]);
    EXPECT_TRUE(imageDoc["Config"]["Env"].is_array());

    EXPECT_THROW(rt->inspectContainerJson(containerName(app, "absent")), RuntimeError);
    try {
        rt->createContainerFromJson(containerName(app, "net"), body);
        FAIL() << "a taken name is refused";
    } catch (const RuntimeError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NameConflict) << e.what();
    }
}

TEST_F(DockerManagerCallsTest, TopListsTheProcessesOfARunningContainer) {
    auto image = buildTestserver("dep_1");
    std::string id = rt->createContainerFromJson(containerName(app, "top"), sleeperBody(image));
    rt->startContainer(id);
    ProcessList ps = rt->top(id);
    ASSERT_FALSE(ps.titles.empty());
    EXPECT_NE(std::find(ps.titles.begin(), ps.titles.end(), "CMD"), ps.titles.end());
    bool sleeping = false;
    for (const auto& row : ps.processes)
        for (const auto& cell : row) sleeping = sleeping || cell.find("sleep 600") != std::string::npos;
    EXPECT_TRUE(sleeping) << "the container's sleep is listed";
    rt->stopContainer(id, 1s);
    try {
        rt->top(id);
        FAIL() << "a stopped container has no processes";
    } catch (const RuntimeError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Conflict) << e.what();
    }
}

TEST_F(DockerManagerCallsTest, AnEmptyFilterStreamsEveryEventStartDieAndDestroy) {
    auto image = buildTestserver("dep_1");
    testing::EventRecorder events(*rt, {});
    Json body = sleeperBody(image);
    body["Entrypoint"] = {"/bin/busybox", "true"};
    std::string id = rt->createContainerFromJson(containerName(app, "ev"), body);
    rt->startContainer(id);
    rt->waitContainer(id, CancelToken{});
    rt->removeContainer(id, {});
    events.waitFor(id, "destroy");
    ASSERT_EQ(events.stop().wait_for(3s), std::future_status::ready);
    EXPECT_TRUE(events.seen(id, "create") && events.seen(id, "start") && events.seen(id, "die") && events.seen(id, "destroy"));
}

TEST_F(DockerManagerCallsTest, RemovesAnonymousVolumesOnlyWhenAsked) {
    auto image = buildTestserver("dep_1");
    auto anonymousVolumeOf = [&](const std::string& name) {
        Json body = sleeperBody(image);
        body["Volumes"] = {{"/scratch", Json::object()}};
        std::string id = rt->createContainerFromJson(name, body);
        Json doc = rt->inspectContainerJson(id);
        std::string volume = doc["Mounts"][0]["Name"].get<std::string>();
        extraVolumes.push_back(volume);
        return std::pair{id, volume};
    };
    auto [kept, keptVolume] = anonymousVolumeOf(containerName(app, "keep"));
    rt->removeContainer(kept, {.volumes = false});
    EXPECT_NO_THROW(rt->inspectVolume(keptVolume)) << "without volumes the anonymous volume stays";

    auto [gone, goneVolume] = anonymousVolumeOf(containerName(app, "gone"));
    rt->removeContainer(gone, {.volumes = true});
    EXPECT_THROW(rt->inspectVolume(goneVolume), RuntimeError) << "with volumes it goes with the container";
}

}  // namespace
}  // namespace rivetr::runtime
