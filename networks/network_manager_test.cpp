// The network manager against the real dockerd through a host directory: create with addressing, containers with
// their addresses and aliases, the refusals (in use, built-in, an app's, overlapping, bad input) and prune's exact removal.
#include "networks/network_manager.hpp"

#include <filesystem>

#include "containers/container_error.hpp"
#include "hosts/local_host_directory.hpp"
#include "networks/network_test_fixture.hpp"

namespace rivetr::networks {
namespace {

using containers::ContainerError;
using store::Role;

class NetworkManagerTest : public testing::NetworkTest {
protected:
    void SetUp() override {
        NetworkTest::SetUp();
        std::shared_ptr<runtime::ContainerRuntime> shared(rt.get(), [](runtime::ContainerRuntime*) {});
        directory = std::make_unique<hosts::LocalHostDirectory>([shared] { return shared; });
        manager = std::make_unique<NetworkManager>(*directory, &apps);
    }

    // The refusal `f` ends with: "<status> <code> <field>: <message>", or "" when it succeeds.
    template <typename F>
    std::string refusal(F f) {
        try {
            f();
            return "";
        } catch (const ContainerError& e) {
            return std::to_string(e.status()) + " " + e.code() + " " + e.field() + ": " + e.what();
        }
    }
    bool exists(const std::string& name) {
        for (const auto& n : rt->listNetworks({}))
            if (n.name == name) return true;
        return false;
    }
    runtime::NetworkSpec spec(const std::string& suffix) { return {.name = netName(suffix), .labels = mine()}; }

    testing::NamedApps apps;
    std::unique_ptr<hosts::LocalHostDirectory> directory;
    std::unique_ptr<NetworkManager> manager;
};

TEST_F(NetworkManagerTest, CreatesWithAddressingAndShowsContainersWithTheirAddressesAndAliases) {
    std::string p = freePrefix();
    auto s = spec("web");
    s.subnet = p + "0/24";
    s.gateway = p + "1";
    s.ipRange = p + "128/25";
    s.attachable = true;
    auto created = manager->create("", s, Role::developer);
    EXPECT_EQ(created.host, "local");
    EXPECT_EQ(created.info.pools.at(0).gateway, p + "1");
    EXPECT_TRUE(created.info.attachable);

    std::string c = runningContainer();
    auto joined = manager->connect("local", s.name, c, {.aliases = {"db"}, .ipv4Address = p + "130"});
    EXPECT_TRUE(joined.warning.empty());
    ASSERT_EQ(joined.network.containers.size(), 1u);
    EXPECT_EQ(joined.network.containers[0].endpoint.ipv4Address, p + "130");

    auto byId = manager->inspect("", created.info.id.substr(0, 12));
    EXPECT_EQ(byId.info.name, s.name) << "a short id names it too";
    ASSERT_EQ(byId.containers.size(), 1u);
    EXPECT_EQ(byId.containers[0].endpoint.containerId, c);
    EXPECT_NE(std::find(byId.containers[0].aliases.begin(), byId.containers[0].aliases.end(), "db"), byId.containers[0].aliases.end());

    auto listed = manager->list("", {.labels = mine()});
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].containers.at(0).endpoint.ipv4Address, p + "130") << "the list carries the addresses too";
    EXPECT_EQ(manager->list("", {.labels = mine(), .search = "WEB"}).size(), 1u) << "search ignores case";
    EXPECT_TRUE(manager->list("", {.driver = "macvlan", .labels = mine()}).empty());
}

TEST_F(NetworkManagerTest, RemovalIsRefusedWhileContainersAreAttachedNamingThem) {
    manager->create("", spec("busy"), Role::developer);
    std::string c = runningContainer();
    manager->connect("", netName("busy"), c, {});
    std::string said = refusal([&] { manager->remove("", netName("busy")); });
    EXPECT_NE(said.find("409 network_in_use"), std::string::npos) << said;
    EXPECT_NE(said.find("rivetr-test-net-" + app + "-c1"), std::string::npos) << "names the container: " << said;
    EXPECT_TRUE(exists(netName("busy")));

    auto left = manager->disconnect("", netName("busy"), c, false);
    EXPECT_TRUE(left.containers.empty());
    manager->remove("", netName("busy"));
    EXPECT_FALSE(exists(netName("busy")));
}

TEST_F(NetworkManagerTest, TheEnginesOwnNetworksCanNeverBeRemoved) {
    for (const char* builtin : {"bridge", "host", "none"}) {
        std::string said = refusal([&] { manager->remove("", builtin); });
        EXPECT_EQ(said.rfind("409 builtin_network", 0), 0u) << said;
        EXPECT_TRUE(exists(builtin));
    }
}

TEST_F(NetworkManagerTest, AnOverlappingSubnetIsAConflictWithTheEnginesReason) {
    std::string p = freePrefix();
    auto first = spec("a");
    first.subnet = p + "0/24";
    manager->create("", first, Role::developer);
    auto second = spec("b");
    second.subnet = p + "128/25";
    std::string said = refusal([&] { manager->create("", second, Role::developer); });
    EXPECT_EQ(said.rfind("409 conflict", 0), 0u) << said;
    EXPECT_NE(said.find("overlaps"), std::string::npos) << "the engine's reason: " << said;
    EXPECT_FALSE(exists(second.name));
}

TEST_F(NetworkManagerTest, BadInputIsRefusedBeforeAnythingIsCreated) {
    auto hostile = spec("x");
    hostile.name = "x;touch /tmp/pwn-" + app;
    EXPECT_EQ(refusal([&] { manager->create("", hostile, Role::admin); }).rfind("400 invalid_network name", 0), 0u);
    EXPECT_FALSE(std::filesystem::exists("/tmp/pwn-" + app));
    auto bad = spec("cidr");
    bad.subnet = "10.0.0.0/40";
    EXPECT_EQ(refusal([&] { manager->create("", bad, Role::admin); }).rfind("400 invalid_network subnet", 0), 0u);
    bad.subnet = "10.77.0.0/24";
    bad.gateway = "10.78.0.1";
    EXPECT_EQ(refusal([&] { manager->create("", bad, Role::admin); }).rfind("400 invalid_network gateway", 0), 0u);
    EXPECT_FALSE(exists(bad.name));
    EXPECT_TRUE(manager->list("", {.labels = mine()}).empty());
}

TEST_F(NetworkManagerTest, MacvlanIsForAdminsOnly) {
    auto lan = spec("lan");
    lan.driver = "macvlan";
    lan.options = {{"parent", "eth0"}};
    EXPECT_EQ(refusal([&] { manager->create("", lan, Role::developer); }).rfind("403 admin_only driver", 0), 0u);
    EXPECT_FALSE(exists(lan.name));
    if (!std::filesystem::exists("/sys/class/net/eth0")) GTEST_SKIP() << "no eth0 for an admin's macvlan";
    EXPECT_EQ(manager->create("", lan, Role::admin).info.driver, "macvlan");
}

TEST_F(NetworkManagerTest, AnAppsContainerMayJoinANetworkButNeverBeTakenOffOne) {
    manager->create("", spec("extra"), Role::developer);
    std::string c = runningContainer({{"rivetr.app", "app_shop"}});
    auto joined = manager->connect("", netName("extra"), c, {});
    EXPECT_NE(joined.warning.find("app shop"), std::string::npos) << joined.warning;
    std::string said = refusal([&] { manager->disconnect("", netName("extra"), c, true); });
    EXPECT_EQ(said.rfind("409 app_container", 0), 0u) << said;
    EXPECT_NE(said.find("app shop"), std::string::npos) << said;
    EXPECT_EQ(manager->inspect("", netName("extra")).containers.size(), 1u) << "still attached";
}

TEST_F(NetworkManagerTest, AnAppsNetworkIsRefusedNamingTheApp) {
    auto labels = mine();
    labels["rivetr.app"] = "app_shop";
    labels["rivetr.managed"] = "true";
    rt->createNetwork({.name = netName("app"), .labels = labels});
    std::string c = runningContainer();
    EXPECT_EQ(refusal([&] { manager->remove("", netName("app")); }).rfind("409 app_network", 0), 0u);
    EXPECT_NE(refusal([&] { manager->connect("", netName("app"), c, {}); }).find("belongs to app shop"), std::string::npos);
    EXPECT_TRUE(exists(netName("app")));
    for (const auto& [e, why] : manager->planPrune("", {.labels = mine()}).kept)
        if (e.info.name == netName("app")) {
            EXPECT_EQ(why, "belongs to app shop");
        }
    EXPECT_TRUE(manager->planPrune("", {.labels = mine()}).networks.empty());
}

TEST_F(NetworkManagerTest, AFixedAddressMustFitTheNetworksSubnet) {
    std::string p = freePrefix();
    auto s = spec("fixed");
    s.subnet = p + "0/24";
    manager->create("", s, Role::developer);
    manager->create("", spec("auto"), Role::developer);
    std::string c = runningContainer();
    EXPECT_EQ(refusal([&] { manager->connect("", s.name, c, {.ipv4Address = "192.0.2.9"}); }).rfind("400 invalid_network ipv4_address", 0), 0u);
    EXPECT_EQ(refusal([&] { manager->connect("", netName("auto"), c, {.ipv4Address = p + "9"}); }).rfind("400 invalid_network ipv4_address", 0), 0u);
    EXPECT_TRUE(manager->inspect("", s.name).containers.empty());
}

TEST_F(NetworkManagerTest, PruneRemovesExactlyTheConfirmedUnusedNetworks) {
    auto one = manager->create("", spec("one"), Role::developer);
    auto two = manager->create("", spec("two"), Role::developer);
    auto used = manager->create("", spec("used"), Role::developer);
    manager->connect("", used.info.id, runningContainer(), {});

    auto plan = manager->planPrune("", {.labels = mine()});
    std::set<std::string> planned;
    for (const auto& e : plan.networks) planned.insert(e.info.name);
    EXPECT_EQ(planned, (std::set<std::string>{netName("one"), netName("two")}));

    auto outcomes = manager->prune("", {one.info.id, used.info.id}, {.labels = mine()});
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_TRUE(outcomes[0].removed);
    EXPECT_FALSE(outcomes[1].removed);
    EXPECT_NE(outcomes[1].error.find("in use"), std::string::npos) << outcomes[1].error;
    EXPECT_FALSE(exists(netName("one")));
    EXPECT_TRUE(exists(netName("two"))) << "not confirmed, so not removed";
    EXPECT_TRUE(exists(netName("used")));
    EXPECT_EQ(refusal([&] { manager->prune("", {}); }).rfind("400 invalid_network networks", 0), 0u);
}

}  // namespace
}  // namespace rivetr::networks
