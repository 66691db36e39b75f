// A service as the engine creates it: compose v2's names and exact label set, aliases, mounts, and a config hash that moves only with the config.
#include "stacks/service_plan.hpp"

#include <gtest/gtest.h>

#include <set>

#include "stacks/compose_labels.hpp"
#include "stacks/compose_loader.hpp"

namespace rivetr::stacks {
namespace {

ComposeProject load(const std::string& text, std::map<std::string, std::string> vars = {}) {
    ComposeSource s;
    s.text = text;
    s.directory = "/srv/stacks/shop";
    s.projectName = "shop";
    s.variables = [vars](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(std::string(name));
        return it == vars.end() ? std::nullopt : std::optional(it->second);
    };
    s.exists = [](const std::filesystem::path&) { return true; };
    return loadCompose(s);
}

const char* kShop = R"(services:
  web:
    image: busybox:${TAG:-1}
    labels: {team: shop}
    depends_on:
      db: {condition: service_healthy, restart: true}
      cache: {condition: service_started}
    networks:
      front: {aliases: [www], ipv4_address: 172.30.0.10}
      back:
  db:
    image: postgres
    volumes: [pgdata:/var/lib/postgresql/data]
    secrets: [dbpass]
    networks: [back]
    healthcheck: {test: pg_isready}
  cache:
    image: redis
    network_mode: service:db
networks:
  front: {}
  back: {name: shared-back}
volumes:
  pgdata: {}
secrets:
  dbpass: {file: ./secrets/db.txt}
)";

std::set<std::string> keysOf(const nlohmann::json& labels) {
    std::set<std::string> keys;
    for (auto it = labels.begin(); it != labels.end(); ++it) keys.insert(it.key());
    return keys;
}

TEST(ServicePlan, CarriesExactlyComposeV2sContainerLabelsBesideTheUsersOwn) {
    auto p = load(kShop);
    ServicePlan plan = planService(p, *p.service("web"), "sha256:abc");
    const auto& l = plan.create.body["Labels"];
    // The fixture: what docker compose v2 writes on every service container (docker-archive/compose-cli#965).
    std::set<std::string> expected = {"com.docker.compose.project", "com.docker.compose.service", "com.docker.compose.container-number",
                                      "com.docker.compose.oneoff", "com.docker.compose.project.working_dir",
                                      "com.docker.compose.project.config_files", "com.docker.compose.config-hash",
                                      "com.docker.compose.depends_on", "com.docker.compose.image", "com.docker.compose.version", "team"};
    EXPECT_EQ(keysOf(l), expected);
    EXPECT_EQ(l["com.docker.compose.project"], "shop");
    EXPECT_EQ(l["com.docker.compose.service"], "web");
    EXPECT_EQ(l["com.docker.compose.container-number"], "1");
    EXPECT_EQ(l["com.docker.compose.oneoff"], "False");
    EXPECT_EQ(l["com.docker.compose.project.working_dir"], "/srv/stacks/shop");
    EXPECT_EQ(l["com.docker.compose.project.config_files"], "/srv/stacks/shop/compose.yaml");
    EXPECT_EQ(l["com.docker.compose.depends_on"], "cache:service_started:false,db:service_healthy:true");
    EXPECT_EQ(l["com.docker.compose.image"], "sha256:abc");
    EXPECT_EQ(l["com.docker.compose.config-hash"], plan.configHash);
    EXPECT_EQ(plan.create.name, "shop-web-1");
}

TEST(ServicePlan, NetworksGetTheServiceNameAsAliasAndKeepFixedAddresses) {
    auto p = load(kShop);
    ServicePlan plan = planService(p, *p.service("web"), "sha256:abc");
    const auto& endpoints = plan.create.body["NetworkingConfig"]["EndpointsConfig"];
    ASSERT_TRUE(endpoints.contains("shop_front")) << plan.create.body.dump();
    EXPECT_EQ(endpoints["shop_front"]["Aliases"], (nlohmann::json{"web", "www"}));
    EXPECT_EQ(endpoints["shop_front"]["IPAMConfig"]["IPv4Address"], "172.30.0.10");
    ASSERT_EQ(plan.create.laterNetworks.size(), 1u);  // Engine API 1.41: one network at create
    EXPECT_EQ(plan.create.laterNetworks[0].name, "shared-back");
    EXPECT_EQ(plan.create.laterNetworks[0].aliases, (std::vector<std::string>{"web"}));
}

TEST(ServicePlan, AServiceWithoutNetworksJoinsTheProjectDefault) {
    auto p = load("services:\n  one:\n    image: busybox\n");
    ServicePlan plan = planService(p, *p.service("one"), "sha256:1");
    EXPECT_EQ(plan.create.body["HostConfig"]["NetworkMode"], "shop_default");
    EXPECT_EQ(plan.create.body["NetworkingConfig"]["EndpointsConfig"]["shop_default"]["Aliases"], (nlohmann::json{"one"}));
}

TEST(ServicePlan, VolumesSecretsAndServiceNetworkModeUseTheEngineNames) {
    auto p = load(kShop);
    ServicePlan db = planService(p, *p.service("db"), "sha256:2");
    const auto& mounts = db.create.body["HostConfig"]["Mounts"];
    ASSERT_EQ(mounts.size(), 2u) << mounts.dump();
    EXPECT_EQ(mounts[0]["Source"], "shop_pgdata");
    EXPECT_EQ(mounts[1]["Type"], "bind");
    EXPECT_EQ(mounts[1]["Source"], "/srv/stacks/shop/secrets/db.txt");
    EXPECT_EQ(mounts[1]["Target"], "/run/secrets/dbpass");
    EXPECT_EQ(mounts[1]["ReadOnly"], true);
    ServicePlan cache = planService(p, *p.service("cache"), "sha256:3");
    EXPECT_EQ(cache.create.body["HostConfig"]["NetworkMode"], "container:shop-db-1");
    EXPECT_FALSE(cache.create.body.contains("NetworkingConfig"));
}

TEST(ServicePlan, TheHashIgnoresTheImageIdAndFollowsTheConfig) {
    auto p = load(kShop);
    std::string base = planService(p, *p.service("web"), "sha256:a").configHash;
    EXPECT_EQ(planService(p, *p.service("web"), "sha256:b").configHash, base) << "the image id is compared on its own";
    EXPECT_EQ(planService(load(kShop), *p.service("web"), "sha256:a").configHash, base) << "same file, same hash";
    auto retagged = load(kShop, {{"TAG", "2"}});
    EXPECT_NE(planService(retagged, *retagged.service("web"), "sha256:a").configHash, base);
    EXPECT_EQ(planService(retagged, *retagged.service("db"), "sha256:a").configHash, planService(p, *p.service("db"), "sha256:a").configHash);
}

TEST(ServicePlan, DeployResourcesBecomeHostConfigLimitsWithoutSwarm) {
    auto p = load("services:\n  one:\n    image: busybox\n    deploy:\n      resources:\n        limits: {memory: 64M, cpus: '0.5'}\n");
    ServicePlan plan = planService(p, *p.service("one"), "sha256:1");
    EXPECT_EQ(plan.create.body["HostConfig"]["Memory"], 67108864);
    EXPECT_EQ(plan.create.body["HostConfig"]["NanoCpus"], 500000000);
}

}  // namespace
}  // namespace rivetr::stacks
