// The network routes over real HTTP on the real dockerd: the role matrix, answers held to their OpenAPI schemas,
// bad input refused before anything is made, the engine's refusals as 409s, and every change audited with its actor.
#include <gtest/gtest.h>

#include "api/testing/role_client.hpp"
#include "hosts/local_host_directory.hpp"
#include "networks/network_test_fixture.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

class NetworkRoutesTest : public networks::testing::NetworkTest {
protected:
    testing::ApiHarness api{"networks-admin-token-0123456789abcdef"};
    testing::RoleClient client{api};
    ApiContext& ctx = api.ctx;

    void SetUp() override {
        NetworkTest::SetUp();
        std::shared_ptr<runtime::ContainerRuntime> shared(rt.get(), [](runtime::ContainerRuntime*) {});
        ctx.hosts = std::make_shared<hosts::LocalHostDirectory>([shared] { return shared; });
        ctx.appGateway = std::make_shared<networks::testing::NamedApps>();
        api.serve();
    }
    void TearDown() override {
        api.shutdown();
        NetworkTest::TearDown();
    }

    test::HttpResponse call(Role role, const std::string& method, const std::string& path, const json& body = nullptr) {
        return client.call(role, method, path, body.is_null() ? "" : body.dump());
    }
    json conforming(const test::HttpResponse& r, const std::string& schema) { return client.conforming(r, schema); }
    static json error(const test::HttpResponse& r) { return json::parse(r.body, nullptr, false)["error"]; }
    std::vector<store::AuditEntry> audited(const std::string& action) { return client.audited(action); }
    json createBody(const std::string& suffix) { return {{"name", netName(suffix)}, {"labels", mine()}}; }
    bool exists(const std::string& name) {
        for (const auto& n : rt->listNetworks({}))
            if (n.name == name) return true;
        return false;
    }
};

TEST_F(NetworkRoutesTest, CreateConnectSeeTheAddressDisconnectAndDeleteEachAuditedWithItsActor) {
    std::string p = freePrefix();
    json body = createBody("app");
    body["subnet"] = p + "0/24";
    body["gateway"] = p + "1";
    body["attachable"] = true;
    auto created = call(Role::developer, "POST", "/api/networks", body);
    ASSERT_EQ(created.status, 201) << created.body;
    json net = conforming(created, "Network");
    EXPECT_EQ(net["subnets"][0]["subnet"], p + "0/24");
    EXPECT_EQ(net["host"], "local");

    std::string c = runningContainer();
    auto joined = call(Role::developer, "POST", "/api/networks/" + netName("app") + "/connect",
                       {{"container", c}, {"aliases", {"db"}}, {"ipv4_address", p + "50"}});
    ASSERT_EQ(joined.status, 200) << joined.body;
    EXPECT_TRUE(conforming(joined, "NetworkConnectResult")["warning"].is_null());

    auto seen = call(Role::viewer, "GET", "/api/networks/" + net["id"].get<std::string>());
    ASSERT_EQ(seen.status, 200) << seen.body;
    json detail = conforming(seen, "Network");
    ASSERT_EQ(detail["containers"].size(), 1u);
    EXPECT_EQ(detail["containers"][0]["ipv4_address"], p + "50");
    EXPECT_EQ(detail["containers"][0]["id"], c);
    auto list = call(Role::viewer, "GET", "/api/networks?label=" + std::string(kOwnerLabel) + "%3D" + app);
    ASSERT_EQ(list.status, 200) << list.body;
    json listed = conforming(list, "NetworkList");
    ASSERT_EQ(listed["networks"].size(), 1u);
    EXPECT_EQ(listed["networks"][0]["containers"][0]["ipv4_address"], p + "50");

    auto inUse = call(Role::developer, "DELETE", "/api/networks/" + netName("app"));
    EXPECT_EQ(inUse.status, 409);
    EXPECT_EQ(error(inUse)["code"], "network_in_use");
    auto left = call(Role::developer, "POST", "/api/networks/" + netName("app") + "/disconnect", {{"container", c}});
    ASSERT_EQ(left.status, 200) << left.body;
    EXPECT_TRUE(conforming(left, "Network")["containers"].empty());
    auto gone = call(Role::developer, "DELETE", "/api/networks/" + netName("app"));
    ASSERT_EQ(gone.status, 200) << gone.body;
    conforming(gone, "NetworkRemoval");
    EXPECT_FALSE(exists(netName("app")));

    for (const char* action : {"network.create", "network.connect", "network.disconnect", "network.remove"}) {
        auto entries = audited(action);
        ASSERT_EQ(entries.size(), 1u) << action;
        EXPECT_EQ(entries[0].actor, "developer-token") << action;
        EXPECT_EQ(entries[0].targetId, netName("app")) << action;
    }
}

TEST_F(NetworkRoutesTest, TheRoleMatrix) {
    EXPECT_EQ(call(Role::viewer, "GET", "/api/networks").status, 200);
    EXPECT_EQ(call(Role::viewer, "POST", "/api/networks", createBody("v")).status, 403);
    EXPECT_FALSE(exists(netName("v")));
    ASSERT_EQ(call(Role::developer, "POST", "/api/networks", createBody("d")).status, 201);
    EXPECT_EQ(call(Role::viewer, "GET", "/api/networks/" + netName("d")).status, 200);
    std::string c = runningContainer();
    EXPECT_EQ(call(Role::viewer, "POST", "/api/networks/" + netName("d") + "/connect", {{"container", c}}).status, 403);
    EXPECT_EQ(call(Role::viewer, "POST", "/api/networks/" + netName("d") + "/disconnect", {{"container", c}}).status, 403);
    EXPECT_EQ(call(Role::viewer, "POST", "/api/networks/prune", json::object()).status, 403);
    EXPECT_EQ(call(Role::viewer, "DELETE", "/api/networks/" + netName("d")).status, 403);
    EXPECT_TRUE(exists(netName("d")));

    json lan = createBody("lan");
    lan["driver"] = "macvlan";
    lan["options"] = {{"parent", "eth0"}};
    auto refused = call(Role::developer, "POST", "/api/networks", lan);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(error(refused)["field"], "driver");
    EXPECT_FALSE(exists(netName("lan")));
    if (std::filesystem::exists("/sys/class/net/eth0")) {
        auto made = call(Role::admin, "POST", "/api/networks", lan);
        EXPECT_EQ(made.status, 201) << made.body;
        EXPECT_EQ(json::parse(made.body)["driver"], "macvlan");
    }
    EXPECT_EQ(call(Role::developer, "DELETE", "/api/networks/" + netName("d")).status, 200);
}

TEST_F(NetworkRoutesTest, BadInputIsA400NamingTheFieldAndNothingIsCreated) {
    auto expect400 = [&](json body, const std::string& field) {
        auto r = call(Role::admin, "POST", "/api/networks", body);
        EXPECT_EQ(r.status, 400) << body.dump() << " -> " << r.body;
        EXPECT_EQ(error(r)["field"], field) << r.body;
    };
    expect400({{"name", "x;touch /tmp/pwn-" + app}, {"labels", mine()}}, "name");
    json bad = createBody("bad");
    bad["subnet"] = "10.0.0.0/99";
    expect400(bad, "subnet");
    bad["subnet"] = "10.91.0.0/24";
    bad["gateway"] = "10.92.0.1";
    expect400(bad, "gateway");
    bad.erase("gateway");
    bad["ip_range"] = "10.91.0.0/16";
    expect400(bad, "ip_range");
    expect400({{"name", netName("x")}, {"driver", "macvlan"}}, "options.parent");
    expect400({{"name", netName("x")}, {"labels", {{"rivetr.app", "app_x"}}}}, "labels.rivetr.app");
    expect400({{"name", netName("x")}, {"colour", "red"}}, "colour");
    EXPECT_FALSE(std::filesystem::exists("/tmp/pwn-" + app));
    EXPECT_TRUE(rt->listNetworks(mine()).empty());
    EXPECT_TRUE(audited("network.create").empty());

    ASSERT_EQ(call(Role::developer, "POST", "/api/networks", createBody("ok")).status, 201);
    auto hostileConnect = call(Role::developer, "POST", "/api/networks/" + netName("ok") + "/connect", {{"container", "$(reboot)"}});
    EXPECT_EQ(hostileConnect.status, 400);
    EXPECT_EQ(error(hostileConnect)["field"], "container");
    auto badIp = call(Role::developer, "POST", "/api/networks/" + netName("ok") + "/connect",
                      {{"container", runningContainer()}, {"ipv4_address", "10.1.1"}});
    EXPECT_EQ(badIp.status, 400);
    EXPECT_EQ(error(badIp)["field"], "ipv4_address");
    EXPECT_EQ(call(Role::viewer, "GET", "/api/networks/nope-" + app).status, 404);
    EXPECT_EQ(call(Role::viewer, "GET", "/api/networks?host=elsewhere").status, 404);
}

TEST_F(NetworkRoutesTest, OverlapIs409WithTheEnginesReasonAndBuiltinsAreNeverRemoved) {
    std::string p = freePrefix();
    json a = createBody("a");
    a["subnet"] = p + "0/24";
    ASSERT_EQ(call(Role::developer, "POST", "/api/networks", a).status, 201);
    json b = createBody("b");
    b["subnet"] = p + "0/25";
    auto overlap = call(Role::developer, "POST", "/api/networks", b);
    EXPECT_EQ(overlap.status, 409) << overlap.body;
    EXPECT_NE(error(overlap)["message"].get<std::string>().find("overlaps"), std::string::npos) << overlap.body;
    EXPECT_FALSE(exists(netName("b")));

    for (const char* builtin : {"bridge", "host", "none"}) {
        auto r = call(Role::admin, "DELETE", std::string("/api/networks/") + builtin);
        EXPECT_EQ(r.status, 409) << r.body;
        EXPECT_EQ(error(r)["code"], "builtin_network");
        EXPECT_NE(error(r)["message"].get<std::string>().find("never be removed"), std::string::npos);
        EXPECT_TRUE(exists(builtin));
    }
    EXPECT_TRUE(audited("network.remove").empty());
}

TEST_F(NetworkRoutesTest, AnAppsContainerIsNeverDisconnectedAndTheRefusalNamesTheApp) {
    ASSERT_EQ(call(Role::developer, "POST", "/api/networks", createBody("extra")).status, 201);
    std::string c = runningContainer({{"rivetr.app", "app_shop"}});
    auto joined = call(Role::developer, "POST", "/api/networks/" + netName("extra") + "/connect", {{"container", c}});
    ASSERT_EQ(joined.status, 200) << joined.body;
    json result = conforming(joined, "NetworkConnectResult");
    EXPECT_NE(result["warning"].get<std::string>().find("shop"), std::string::npos);
    EXPECT_EQ(result["network"]["containers"][0]["app_name"], "shop");
    auto refused = call(Role::admin, "POST", "/api/networks/" + netName("extra") + "/disconnect", {{"container", c}, {"force", true}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(error(refused)["code"], "app_container");
    EXPECT_NE(error(refused)["message"].get<std::string>().find("app shop"), std::string::npos);
    EXPECT_TRUE(audited("network.disconnect").empty());
}

TEST_F(NetworkRoutesTest, PruneListsFirstThenRemovesExactlyTheConfirmedNetworks) {
    auto one = json::parse(call(Role::developer, "POST", "/api/networks", createBody("one")).body);
    auto two = json::parse(call(Role::developer, "POST", "/api/networks", createBody("two")).body);
    auto dry = call(Role::developer, "POST", "/api/networks/prune", json::object());
    ASSERT_EQ(dry.status, 200) << dry.body;
    json plan = conforming(dry, "NetworkPrune");
    std::set<std::string> listed;
    for (const auto& n : plan["networks"]) listed.insert(n["name"].get<std::string>());
    EXPECT_TRUE(listed.count(netName("one")) && listed.count(netName("two"))) << dry.body;
    EXPECT_FALSE(listed.count("bridge")) << "the engine's own never";
    EXPECT_TRUE(exists(netName("one"))) << "a dry run removes nothing";

    auto unconfirmed = call(Role::developer, "POST", "/api/networks/prune", {{"dry_run", false}});
    EXPECT_EQ(unconfirmed.status, 400);
    EXPECT_EQ(error(unconfirmed)["field"], "networks");

    // Only this test's ids: the engine is shared, other networks in the plan are not ours to remove.
    auto done = call(Role::developer, "POST", "/api/networks/prune", {{"dry_run", false}, {"networks", {one["id"]}}});
    ASSERT_EQ(done.status, 200) << done.body;
    json result = conforming(done, "NetworkPrune");
    ASSERT_EQ(result["outcomes"].size(), 1u);
    EXPECT_EQ(result["outcomes"][0]["removed"], true);
    EXPECT_FALSE(exists(netName("one")));
    EXPECT_TRUE(exists(netName("two")));
    ASSERT_EQ(audited("network.prune").size(), 1u);
    EXPECT_NE(audited("network.prune")[0].details.find(one["id"].get<std::string>()), std::string::npos);
    EXPECT_EQ(two["name"], netName("two"));
}

TEST_F(NetworkRoutesTest, EveryHostAtOnceNamesItsHost) {
    ASSERT_EQ(call(Role::developer, "POST", "/api/networks", createBody("all")).status, 201);
    auto r = call(Role::viewer, "GET", "/api/networks?host=*&search=" + netName("all"));
    ASSERT_EQ(r.status, 200) << r.body;
    json list = conforming(r, "NetworkList");
    EXPECT_EQ(list["host"], "*");
    ASSERT_EQ(list["networks"].size(), 1u);
    EXPECT_EQ(list["networks"][0]["host"], "local");
}

}  // namespace
}  // namespace rivetr::api
