// /api/hosts over real HTTP: who may list and who may manage, 4xx that store nothing, credentials that never come back, every change audited with its actor.
#include <gtest/gtest.h>

#include "api/http/api_server.hpp"
#include "api/http/openapi.hpp"
#include "api/http/openapi_schema_check.hpp"
#include "api/route_table.hpp"
#include "engine/testing/fake_runtime.hpp"
#include "hosts/testing/test_certificates.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

constexpr const char* kAdminToken = "admin-token-for-the-host-tests-0123456789";

class HostRoutes : public ::testing::Test {
protected:
    test::TempDir dir;
    std::unique_ptr<store::Store> db = store::Store::open(dir.path());
    ApiContext ctx{*db, *crypto::keyFromHex(std::string(64, 'e')), kAdminToken};
    store::HostRepository hostRepo{*db, store::SecretBox(*crypto::keyFromHex(std::string(64, 'e')))};
    std::shared_ptr<engine::testing::FakeRuntime> local = std::make_shared<engine::testing::FakeRuntime>([] { return 0; });
    hosts::testing::TestCertificates certs = hosts::testing::makeTestCertificates(dir.path() / "certs", {"127.0.0.1"});
    std::vector<Route> routes;
    int port = test::freePort();
    std::unique_ptr<ApiServer> server;
    std::map<Role, std::string> tokens;

    void SetUp() override {
        hosts::RemoteHostOptions o;
        o.dataDir = dir.path();
        o.connectTimeout = std::chrono::milliseconds(500);
        auto registry = std::make_shared<hosts::RegistryHostDirectory>(hostRepo, [this] { return local; }, o);
        ctx.hosts = registry;
        ctx.hostRegistry = registry;
        routes = controlRoutes(ctx, {[] { return true; }, [] { return true; }}, nullptr);
        server = std::make_unique<ApiServer>(ApiOptions{"127.0.0.1", port, 1, 4}, routes, &ctx.auth);
        server->start();
        for (auto r : {Role::viewer, Role::developer})
            tokens[r] = ctx.tokens.create(std::string(store::roleName(r)) + "-token", r, std::nullopt).token;
        tokens[Role::admin] = kAdminToken;
    }

    test::HttpResponse call(const std::string& method, const std::string& path, Role role, const json& body = nullptr) {
        test::HttpRequest req;
        req.method = method;
        req.url = "http://127.0.0.1:" + std::to_string(port) + path;
        req.headers.push_back("Authorization: Bearer " + tokens[role]);
        if (!body.is_null()) {
            req.headers.push_back("Content-Type: application/json");
            req.body = body.dump();
        }
        req.timeout = std::chrono::milliseconds(15000);
        return test::http(req);
    }

    json tcpHost(const std::string& name) {
        return {{"name", name}, {"kind", "tcp"}, {"address", "127.0.0.1:" + std::to_string(test::freePort())},
                {"tls_ca", certs.ca()}, {"tls_cert", certs.clientCert()}, {"tls_key", certs.clientKeyPem()}};
    }

    std::vector<store::AuditEntry> audit(const std::string& action) {
        std::vector<store::AuditEntry> out;
        for (const auto& e : ctx.audit.list(100))
            if (e.action == action) out.push_back(e);
        return out;
    }

    void expectSchema(const std::string& method, const std::string& path, const test::HttpResponse& r) {
        static const json doc = openApiDocument(routes);
        auto op = doc["paths"][path][method == "GET" ? "get" : method == "POST" ? "post" : "put"];
        auto schema = op["responses"][std::to_string(r.status)]["content"]["application/json"]["schema"];
        ASSERT_FALSE(schema.is_null()) << method << " " << path << " " << r.status << " is undocumented";
        std::string problems;
        for (const auto& v : schemaViolations(doc, schema, json::parse(r.body))) problems += "\n  " + v;
        EXPECT_TRUE(problems.empty()) << method << " " << path << problems << "\n" << r.body;
    }
};

TEST_F(HostRoutes, EveryoneListsTheHostsAndOnlyAdminsAddThem) {
    auto before = call("GET", "/api/hosts", Role::viewer);
    ASSERT_EQ(before.status, 200) << before.body;
    expectSchema("GET", "/api/hosts", before);
    EXPECT_EQ(json::parse(before.body)[0]["id"], "local");
    EXPECT_EQ(json::parse(before.body)[0]["engine_version"], "fake");
    for (auto role : {Role::viewer, Role::developer})
        EXPECT_EQ(call("POST", "/api/hosts", role, tcpHost("b1")).status, 403);
    auto added = call("POST", "/api/hosts", Role::admin, tcpHost("b1"));
    ASSERT_EQ(added.status, 201) << added.body;
    expectSchema("POST", "/api/hosts", added);
    auto host = json::parse(added.body);
    EXPECT_EQ(host["kind"], "tcp");
    EXPECT_TRUE(host["has_tls_key"]);
    EXPECT_EQ(host["created_by"], "admin");
    auto list = json::parse(call("GET", "/api/hosts", Role::viewer).body);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[1]["name"], "b1");
    auto byName = call("GET", "/api/hosts/b1", Role::viewer);
    ASSERT_EQ(byName.status, 200);
    expectSchema("GET", "/api/hosts/{id}", byName);
    EXPECT_EQ(json::parse(byName.body)["id"], host["id"]);
    auto created = audit("host.create");
    ASSERT_EQ(created.size(), 1u);
    EXPECT_EQ(created[0].actor, "admin");
    EXPECT_EQ(created[0].targetId, host["id"]);
}

TEST_F(HostRoutes, CredentialsNeverComeBackInAnyAnswerOrTheAuditLog) {
    auto id = json::parse(call("POST", "/api/hosts", Role::admin, tcpHost("b1")).body)["id"].get<std::string>();
    const auto keyLine = certs.clientKeyPem().substr(certs.clientKeyPem().find('\n') + 1, 40);
    for (const auto& path : {std::string("/api/hosts"), "/api/hosts/" + id}) {
        auto r = call("GET", path, Role::admin);
        EXPECT_EQ(r.body.find("PRIVATE KEY"), std::string::npos) << path;
        EXPECT_EQ(r.body.find(keyLine), std::string::npos) << path;
    }
    for (const auto& e : ctx.audit.list(100)) EXPECT_EQ(e.details.find(keyLine), std::string::npos) << e.action;
}

TEST_F(HostRoutes, BadInputIsA400NamingTheFieldAndStoresNothing) {
    auto fieldOf = [&](json body) {
        auto r = call("POST", "/api/hosts", Role::admin, body);
        EXPECT_EQ(r.status, 400) << body.dump() << " -> " << r.body;
        return json::parse(r.body)["error"].value("field", "");
    };
    auto host = tcpHost("b1");
    EXPECT_EQ(fieldOf([&] { auto h = host; h.erase("kind"); return h; }()), "kind");
    EXPECT_EQ(fieldOf([&] { auto h = host; h["name"] = "Bad Name"; return h; }()), "name");
    EXPECT_EQ(fieldOf([&] { auto h = host; h["address"] = "127.0.0.1"; return h; }()), "address");
    EXPECT_EQ(fieldOf([&] { auto h = host; h["tls_key"] = "not a key"; return h; }()), "tls_key");
    EXPECT_EQ(fieldOf([&] { auto h = host; h["password"] = "x"; return h; }()), "password");
    EXPECT_EQ(fieldOf({{"name", "s1"}, {"kind", "ssh"}, {"address", "-oProxyCommand=touch@h"}, {"ssh_key", "-----BEGIN OPENSSH PRIVATE KEY-----\n"}}),
              "address");
    EXPECT_TRUE(hostRepo.list().empty());
    EXPECT_TRUE(audit("host.create").empty());
    ASSERT_EQ(call("POST", "/api/hosts", Role::admin, host).status, 201);
    auto taken = call("POST", "/api/hosts", Role::admin, tcpHost("b1"));
    EXPECT_EQ(taken.status, 409);
    EXPECT_EQ(json::parse(taken.body)["error"]["field"], "name");
}

TEST_F(HostRoutes, AdminsRenameTestAndRemoveAHostAndEachIsAudited) {
    auto id = json::parse(call("POST", "/api/hosts", Role::admin, tcpHost("b1")).body)["id"].get<std::string>();
    EXPECT_EQ(call("PUT", "/api/hosts/" + id, Role::developer, {{"name", "b2"}}).status, 403);
    auto renamed = call("PUT", "/api/hosts/" + id, Role::admin, {{"name", "b2"}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    expectSchema("PUT", "/api/hosts/{id}", renamed);
    EXPECT_EQ(json::parse(renamed.body)["name"], "b2");
    EXPECT_EQ(call("PUT", "/api/hosts/" + id, Role::admin, {{"kind", "ssh"}}).status, 400);
    EXPECT_EQ(call("PUT", "/api/hosts/local", Role::admin, {{"name", "x"}}).status, 409);
    EXPECT_EQ(call("PUT", "/api/hosts/hst_none", Role::admin, {{"name", "x"}}).status, 404);

    auto tested = call("POST", "/api/hosts/" + id + "/test", Role::admin);
    ASSERT_EQ(tested.status, 200) << tested.body;
    expectSchema("POST", "/api/hosts/{id}/test", tested);
    EXPECT_FALSE(json::parse(tested.body)["ok"]) << "nothing listens there";
    EXPECT_NE(json::parse(tested.body)["error"], "");
    EXPECT_FALSE(json::parse(call("GET", "/api/hosts/" + id, Role::viewer).body)["ok"]);
    auto localTest = json::parse(call("POST", "/api/hosts/local/test", Role::admin).body);
    EXPECT_TRUE(localTest["ok"]);
    EXPECT_EQ(localTest["engine_version"], "fake");

    EXPECT_EQ(call("DELETE", "/api/hosts/" + id, Role::developer).status, 403);
    EXPECT_EQ(call("DELETE", "/api/hosts/" + id, Role::admin).status, 204);
    EXPECT_EQ(call("GET", "/api/hosts/" + id, Role::admin).status, 404);
    EXPECT_EQ(call("DELETE", "/api/hosts/" + id, Role::admin).status, 404);
    EXPECT_EQ(call("DELETE", "/api/hosts/local", Role::admin).status, 409);
    for (const char* action : {"host.update", "host.test", "host.delete"}) {
        auto entries = audit(action);
        ASSERT_FALSE(entries.empty()) << action;
        EXPECT_EQ(entries.back().actor, "admin") << action;
    }
    EXPECT_EQ(audit("host.update").size(), 1u) << "refused updates are not audited";
}

}  // namespace
}  // namespace rivetr::api
