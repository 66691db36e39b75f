// The create body built from a config, and the config read back from an engine inspect (the real engine's shape).
#include "containers/engine_config.hpp"

#include <gtest/gtest.h>

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;

// Trimmed from dockerd 20.10's inspect of `docker create -e B=3 -e C=4 -p 127.0.0.1::80 -v /tmp/x:/data:ro
// -v vol:/vol --mount type=tmpfs,target=/t --network net --network-alias foo --ip 172.31.250.9
// --health-cmd true --restart on-failure:3 -m 64m --cpus 0.5`, started (so the short-id alias is there).
Json inspected() {
    return Json::parse(R"({
      "Id": "2a04566606a944d233d94cdb9d3e98aa4229a6f48500cae3f072f9497a7ca2e3", "Name": "/probe",
      "Image": "sha256:66b6",
      "State": {"Running": true},
      "HostConfig": {"Binds": ["/tmp/x:/data:ro", "vol:/vol"], "NetworkMode": "net",
        "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": ""}]},
        "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}, "CapAdd": null, "CapDrop": ["MKNOD"],
        "IpcMode": "private", "PidMode": "", "Privileged": false, "SecurityOpt": null, "Devices": [],
        "Memory": 67108864, "MemorySwap": 134217728, "NanoCpus": 500000000, "ShmSize": 67108864,
        "Mounts": [{"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 1048576}}]},
      "Mounts": [{"Type": "volume", "Name": "5d1ef0c4b7f0e2a9c2f3f5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6",
                  "Destination": "/scratch", "RW": true}],
      "Config": {"Hostname": "2a04566606a9", "Env": ["B=3", "C=4", "PATH=/usr/bin:/bin", "A=1"],
        "Cmd": ["/bin/busybox", "sleep", "3600"], "Entrypoint": null, "Image": "probe:1",
        "Healthcheck": {"Test": ["CMD-SHELL", "true"]}, "WorkingDir": "/srv", "ExposedPorts": {"80/tcp": {}, "9000/tcp": {}},
        "Labels": {"own": "1", "from-image": "1"}, "Tty": false},
      "NetworkSettings": {"Networks": {"net": {"IPAMConfig": {"IPv4Address": "172.31.250.9"},
        "Aliases": ["foo", "2a04566606a9"]}, "other": {"IPAMConfig": null, "Aliases": ["bar"]}}}})");
}

Json image() {
    return Json::parse(R"({"Id": "sha256:66b6", "Config": {"Env": ["PATH=/usr/bin:/bin", "A=1", "B=2"],
      "Cmd": ["/bin/busybox", "sleep", "3600"], "WorkingDir": "/srv", "ExposedPorts": {"9000/tcp": {}},
      "Labels": {"from-image": "1"}}})");
}

TEST(EngineConfig, ReadsBackWhatTheContainerSetItselfAndNotWhatItsImageGave) {
    ContainerConfig c = configFromInspect(inspected(), image());
    EXPECT_EQ(c.name, "probe");
    EXPECT_EQ(c.image, "probe:1");
    EXPECT_EQ(c.env, (std::vector<std::pair<std::string, std::string>>{{"B", "3"}, {"C", "4"}}));
    EXPECT_FALSE(c.command.has_value()) << "the image's cmd stays the image's";
    EXPECT_EQ(c.labels, (runtime::Labels{{"own", "1"}}));
    ASSERT_TRUE(c.healthcheck.has_value());
    EXPECT_EQ(c.healthcheck->test, (std::vector<std::string>{"CMD-SHELL", "true"}));
    ASSERT_EQ(c.mounts.size(), 3u);
    EXPECT_EQ(c.mounts[0].type, "bind");
    EXPECT_TRUE(c.mounts[0].readOnly);
    EXPECT_EQ(c.mounts[1].type, "volume");
    EXPECT_EQ(c.mounts[2].type, "tmpfs");
    ASSERT_EQ(c.ports.size(), 1u);
    EXPECT_EQ(c.ports[0].hostIp, "127.0.0.1");
    EXPECT_EQ(c.restartPolicy, "on-failure");
    EXPECT_EQ(c.restartMaxRetries, 3);
    EXPECT_DOUBLE_EQ(c.cpus, 0.5);
    ASSERT_EQ(c.networks.size(), 2u);
    EXPECT_EQ(c.networks[0].name, "net") << "the network mode's network comes first";
    EXPECT_EQ(c.networks[0].aliases, std::vector<std::string>{"foo"}) << "the engine's short-id alias is not the user's";
    EXPECT_EQ(c.networks[0].ipv4Address, "172.31.250.9");
    EXPECT_EQ(c.networks[1].aliases, std::vector<std::string>{"bar"});
}

TEST(EngineConfig, TheBodyBuiltBackKeepsEveryFormAndLeavesTheEnginesOwnValuesToIt) {
    CreatePlan plan = toCreatePlan(configFromInspect(inspected(), image()));
    const Json& b = plan.body;
    const Json& h = b["HostConfig"];
    EXPECT_EQ(h["Binds"], Json({"/tmp/x:/data:ro", "vol:/vol"})) << "declared as Binds, recreated as Binds";
    EXPECT_EQ(h["Mounts"], Json::parse(R"([{"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 1048576}}])"));
    EXPECT_EQ(h["CapDrop"], Json({"MKNOD"})) << "settings the form does not name are kept";
    EXPECT_TRUE(h["CapAdd"].is_null()) << "null stays null, not []";
    EXPECT_EQ(h["Devices"], Json::array());
    EXPECT_FALSE(h.contains("MemorySwap")) << "twice the memory is the engine's default: an edit of memory recomputes it";
    EXPECT_EQ(h["NanoCpus"], 500000000);
    EXPECT_EQ(h["NetworkMode"], "net");
    EXPECT_EQ(b["NetworkingConfig"]["EndpointsConfig"]["net"]["Aliases"], Json({"foo"}));
    EXPECT_EQ(b["NetworkingConfig"]["EndpointsConfig"]["net"]["IPAMConfig"]["IPv4Address"], "172.31.250.9");
    ASSERT_EQ(plan.laterNetworks.size(), 1u) << "API 1.41: one network at create, the others connected";
    EXPECT_EQ(plan.laterNetworks[0].name, "other");
    EXPECT_EQ(b["Env"], Json({"B=3", "C=4"}));
    EXPECT_FALSE(b.contains("Cmd"));
    EXPECT_FALSE(b.contains("Hostname")) << "the old short id would become the new container's hostname";
    EXPECT_FALSE(b.contains("WorkingDir")) << "the image's working dir comes from the (possibly new) image";
    EXPECT_EQ(b["ExposedPorts"], Json::parse(R"({"80/tcp": {}})"));
    EXPECT_EQ(b["Labels"], Json::parse(R"({"own": "1"})"));
}

TEST(EngineConfig, AnEditKeepsTheOldAnonymousVolumesByName) {
    ContainerConfig c = configFromInspect(inspected(), image());
    keepAnonymousVolumes(c, inspected());
    ASSERT_EQ(c.mounts.size(), 4u);
    EXPECT_EQ(c.mounts[3].type, "volume");
    EXPECT_EQ(c.mounts[3].target, "/scratch");
    EXPECT_EQ(c.mounts[3].source.size(), 64u);
    keepAnonymousVolumes(c, inspected());
    EXPECT_EQ(c.mounts.size(), 4u) << "a path already mounted is not mounted twice";
}

TEST(EngineConfig, AFreshConfigPutsEveryMountInMountsAndTheFirstNetworkAtCreate) {
    ContainerConfig c;
    c.image = "web:1";
    c.mounts = {{"bind", "/srv/www", "/www", true, "", nullptr}, {"volume", "", "/anon", false, "", nullptr}};
    c.networks = {{"front", {"web"}, "", ""}, {"back", {}, "10.1.0.5", ""}};
    c.ports = {{80, 8080, "", "tcp"}};
    c.cpus = 0.25;
    CreatePlan plan = toCreatePlan(c);
    const Json& h = plan.body["HostConfig"];
    EXPECT_FALSE(h.contains("Binds"));
    EXPECT_EQ(h["Mounts"][0], Json::parse(R"({"Type": "bind", "Source": "/srv/www", "Target": "/www", "ReadOnly": true})"));
    EXPECT_EQ(h["Mounts"][1], Json::parse(R"({"Type": "volume", "Target": "/anon"})"));
    EXPECT_EQ(h["NetworkMode"], "front");
    EXPECT_EQ(h["PortBindings"]["80/tcp"][0]["HostPort"], "8080");
    EXPECT_EQ(h["NanoCpus"], 250000000);
    EXPECT_EQ(plan.body["NetworkingConfig"]["EndpointsConfig"].size(), 1u);
    ASSERT_EQ(plan.laterNetworks.size(), 1u);
    EXPECT_EQ(plan.laterNetworks[0].ipv4Address, "10.1.0.5");
}

}  // namespace
}  // namespace rivetr::containers
