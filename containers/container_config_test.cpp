// The create body in the manager's vocabulary: what it accepts, the 400 naming the field for what it does not, and edits.
#include "containers/container_config.hpp"

#include <gtest/gtest.h>

#include "containers/container_error.hpp"

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;

// The field a body is refused for (ContainerError 400), or "accepted".
std::string refusedField(const Json& body) {
    try {
        parseContainerConfig(body);
        return "accepted";
    } catch (const ContainerError& e) {
        EXPECT_EQ(e.status(), 400) << e.what();
        EXPECT_EQ(e.code(), "invalid_container_config");
        return e.field();
    }
}

Json full() {
    return Json::parse(R"({
      "name": "web-1", "image": "registry.local:5000/team/web:1.2", "command": ["serve", "--port", "80"],
      "entrypoint": ["/bin/app"], "env": {"B": "2", "A": "1"},
      "ports": [{"container": 80, "host": 8080, "host_ip": "127.0.0.1", "protocol": "tcp"}, {"container": 53, "protocol": "udp"}],
      "mounts": [{"type": "volume", "source": "data", "target": "/data"},
                 {"type": "bind", "source": "/srv/www", "target": "/www", "read_only": true},
                 {"type": "tmpfs", "target": "/tmp"}],
      "networks": ["front", {"name": "back", "aliases": ["api"], "ipv4_address": "10.0.0.5"}],
      "restart_policy": "on-failure:3", "memory": "256m", "cpus": 1.5, "labels": {"team": "a"},
      "user": "1000:1000",
      "healthcheck": {"test": "wget -q -O- localhost", "interval": "30s", "timeout": "5s", "start_period": "1500ms", "retries": 3},
      "privileged": false, "cap_add": ["cap_net_bind_service"], "devices": [], "security_opt": ["no-new-privileges"],
      "network_mode": "", "pid_mode": "", "ipc_mode": ""})");
}

TEST(ContainerConfig, ParsesEveryFieldOfTheVocabulary) {
    ContainerConfig c = parseContainerConfig(full());
    EXPECT_EQ(c.name, "web-1");
    EXPECT_EQ(c.image, "registry.local:5000/team/web:1.2");
    EXPECT_EQ(*c.command, (std::vector<std::string>{"serve", "--port", "80"}));
    EXPECT_EQ(c.env.size(), 2u);
    ASSERT_EQ(c.ports.size(), 2u);
    EXPECT_EQ(c.ports[0].host, 8080);
    EXPECT_EQ(c.ports[1].protocol, "udp");
    EXPECT_EQ(c.ports[1].host, 0);
    ASSERT_EQ(c.mounts.size(), 3u);
    EXPECT_TRUE(c.mounts[1].readOnly);
    ASSERT_EQ(c.networks.size(), 2u);
    EXPECT_EQ(c.networks[1].aliases, std::vector<std::string>{"api"});
    EXPECT_EQ(c.networks[1].ipv4Address, "10.0.0.5");
    EXPECT_EQ(c.restartPolicy, "on-failure");
    EXPECT_EQ(c.restartMaxRetries, 3);
    EXPECT_EQ(c.memory, 256 * 1024 * 1024);
    EXPECT_DOUBLE_EQ(c.cpus, 1.5);
    EXPECT_EQ(c.healthcheck->test, (std::vector<std::string>{"CMD-SHELL", "wget -q -O- localhost"}));
    EXPECT_EQ(c.healthcheck->intervalNs, 30'000'000'000);
    EXPECT_EQ(c.healthcheck->startPeriodNs, 1'500'000'000);
    EXPECT_EQ(c.capAdd, std::vector<std::string>{"NET_BIND_SERVICE"}) << "CAP_ prefix and case normalised";
}

TEST(ContainerConfig, WhatGetShowsIsWhatPutTakesBack) {
    ContainerConfig c = parseContainerConfig(full());
    Json shown = toApiJson(c);
    ContainerConfig again = parseContainerConfig(shown);
    EXPECT_EQ(toApiJson(again), shown);
}

TEST(ContainerConfig, RefusesBadInputNamingTheField) {
    auto with = [](const char* key, Json value) {
        Json b = {{"image", "web:1"}};
        b[key] = std::move(value);
        return b;
    };
    EXPECT_EQ(refusedField(Json::object()), "image");
    EXPECT_EQ(refusedField(Json::array()), "");
    EXPECT_EQ(refusedField(with("imgae", "x")), "imgae") << "unknown fields are refused, not ignored";
    EXPECT_EQ(refusedField(with("name", "-rm")), "name");
    EXPECT_EQ(refusedField(with("name", "a b")), "name");
    EXPECT_EQ(refusedField({{"image", "web:1;rm -rf /"}}), "image");
    EXPECT_EQ(refusedField(with("command", "sh -c 'x'")), "command") << "argv arrays only, never a shell string";
    EXPECT_EQ(refusedField(with("env", {{"A=B", "1"}})), "env.A=B");
    EXPECT_EQ(refusedField(with("env", {{"A", 1}})), "env.A");
    EXPECT_EQ(refusedField(with("ports", Json::array({{{"container", 0}}}))), "ports[0].container");
    EXPECT_EQ(refusedField(with("ports", Json::array({{{"container", 80}, {"host", 70000}}}))), "ports[0].host");
    EXPECT_EQ(refusedField(with("ports", Json::array({{{"container", 80}, {"protocol", "icmp"}}}))), "ports[0].protocol");
    EXPECT_EQ(refusedField(with("mounts", Json::array({{{"type", "nfs"}, {"target", "/x"}}}))), "mounts[0].type");
    EXPECT_EQ(refusedField(with("mounts", Json::array({{{"type", "bind"}, {"source", "rel"}, {"target", "/x"}}}))), "mounts[0].source");
    EXPECT_EQ(refusedField(with("mounts", Json::array({{{"type", "bind"}, {"source", "/srv/../etc"}, {"target", "/x"}}}))),
              "mounts[0].source");
    EXPECT_EQ(refusedField(with("mounts", Json::array({{{"type", "volume"}, {"target", "data"}}}))), "mounts[0].target");
    EXPECT_EQ(refusedField(with("networks", Json::array({{{"name", "n"}, {"aliases", {"a b"}}}}))), "networks[0].aliases[0]");
    EXPECT_EQ(refusedField(with("restart_policy", "always:3")), "restart_policy");
    EXPECT_EQ(refusedField(with("memory", 1024)), "memory") << "below 6 MiB the engine refuses anyway";
    EXPECT_EQ(refusedField(with("cpus", -1)), "cpus");
    EXPECT_EQ(refusedField(with("labels", {{"rivetr.app", "app_x"}})), "labels.rivetr.app") << "nobody fakes an app's container";
    EXPECT_EQ(refusedField(with("user", "root;id")), "user");
    EXPECT_EQ(refusedField(with("healthcheck", {{"test", {"RUN", "x"}}})), "healthcheck.test");
    EXPECT_EQ(refusedField(with("healthcheck", {{"test", "true"}, {"interval", "soon"}})), "healthcheck.interval");
    EXPECT_EQ(refusedField(with("cap_add", {"not a cap"})), "cap_add[0]");
    EXPECT_EQ(refusedField(with("devices", {"/etc/passwd"})), "devices[0]");
    EXPECT_EQ(refusedField(with("pid_mode", "private")), "pid_mode");
    Json hostWithNetworks = with("network_mode", "host");
    hostWithNetworks["networks"] = {"front"};
    EXPECT_EQ(refusedField(hostWithNetworks), "networks");
}

TEST(ContainerConfig, AnEditReplacesTheFieldsItNamesAndKeepsTheRest) {
    ContainerConfig c = parseContainerConfig(full());
    c.engineHostConfig = {{"CapDrop", {"MKNOD"}}};
    applyConfigPatch(c, {{"env", {{"C", "3"}}}, {"restart_policy", "always"}});
    EXPECT_EQ(c.env, (std::vector<std::pair<std::string, std::string>>{{"C", "3"}}));
    EXPECT_EQ(c.restartPolicy, "always");
    EXPECT_EQ(c.restartMaxRetries, 0);
    EXPECT_EQ(c.networks.size(), 2u);
    EXPECT_EQ(c.labels.at("team"), "a");
    EXPECT_TRUE(c.healthcheck.has_value());
    EXPECT_EQ(c.engineHostConfig["CapDrop"][0], "MKNOD");
    EXPECT_THROW(applyConfigPatch(c, {{"image", ""}}), ContainerError);
}

TEST(ContainerConfig, DurationsReadAndWriteInTheLargestExactUnit) {
    EXPECT_EQ(parseDuration("30s"), 30'000'000'000);
    EXPECT_EQ(parseDuration("2m"), 120'000'000'000);
    EXPECT_EQ(parseDuration(1.5), 1'500'000'000);
    EXPECT_EQ(parseDuration("1.5s"), std::nullopt);
    EXPECT_EQ(formatDuration(30'000'000'000), "30s");
    EXPECT_EQ(formatDuration(1'500'000'000), "1500ms");
    EXPECT_EQ(formatDuration(0), "0s");
    EXPECT_EQ(formatDuration(3'600'000'000'000), "1h");
}

}  // namespace
}  // namespace rivetr::containers
