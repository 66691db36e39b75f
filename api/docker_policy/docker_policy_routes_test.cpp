// /api/docker/policy over real HTTP on the real dockerd: who may read and set it, 400s that change nothing, the
// audit row, and a saved root taking effect on a developer's next create at once.
#include <gtest/gtest.h>

#include "api/http/documented_answer.hpp"
#include "api/testing/role_client.hpp"
#include "runtime/runtime_test_fixture.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;
using namespace std::chrono_literals;

constexpr const char* kAdminToken = "admin-token-for-the-docker-policy-012345";
constexpr const char* kRunLabel = "rivetr_test.run";

class DockerPolicyRoutes : public runtime::testing::RuntimeTest {
protected:
    testing::ApiHarness api{kAdminToken};
    testing::RoleClient client{api};
    std::shared_ptr<runtime::ContainerRuntime> shared;
    std::string run = newId("run"), image;
    json doc;

    void SetUp() override {
        RuntimeTest::SetUp();
        shared = std::shared_ptr<runtime::ContainerRuntime>(runtime::connectRuntime(options()));
        api.ctx.live.runtime = [this] { return shared; };
        api.ctx.containerPolicy.dockerSocket = test::dockerSocket();
        api.ctx.dockerPolicy.setConfigDefault({"/srv/from-config"}, api.ctx.containerPolicy);
        api.serve();
        doc = json::parse(call("GET", "/api/openapi.json", Role::viewer).body);
    }
    // The containers this run made, by its label (nothing else on the shared dockerd).
    void TearDown() override {
        // Only the live-effect test creates containers; the others must not fail on a slow shared dockerd here.
        if (rt && !image.empty()) {
            runtime::ContainerQuery mine;
            mine.labels = {{kRunLabel, run}};
            for (const auto& c : rt->queryContainers(mine)) swallow([&] { rt->removeContainer(c.id, {.force = true, .volumes = true}); });
        }
        api.shutdown();
        RuntimeTest::TearDown();
    }

    test::HttpResponse call(const std::string& method, const std::string& path, Role role, const json& body = nullptr) {
        return client.call(role, method, path, body.is_null() ? "" : body.dump());
    }
    test::HttpResponse put(const json& roots, Role role = Role::admin) {
        auto r = call("PUT", "/api/docker/policy", role, {{"allowed_bind_roots", roots}});
        if (r.status == 200) expectDocumented(doc, "PUT", "/api/docker/policy", r);
        return r;
    }
    json policy() {
        auto r = call("GET", "/api/docker/policy", Role::admin);
        EXPECT_EQ(r.status, 200) << r.body;
        expectDocumented(doc, "GET", "/api/docker/policy", r);
        return json::parse(r.body);
    }
    // A stopped container binding `source`, created by a developer.
    test::HttpResponse createBinding(const std::string& source, const std::string& suffix) {
        json body{{"name", "rvt-" + run.substr(4) + "-" + suffix}, {"image", image}, {"labels", {{kRunLabel, run}}},
                  {"mounts", {{{"type", "bind"}, {"source", source}, {"target", "/data"}}}}};
        return call("POST", "/api/containers?start=false", Role::developer, body);
    }
    std::vector<json> audit(const std::string& action) {
        std::vector<json> out;
        for (const auto& e : client.audited(action)) out.push_back({{"actor", e.actor}, {"details", json::parse(e.details)}});
        return out;
    }
};

TEST_F(DockerPolicyRoutes, ViewersNeitherReadNorSetDevelopersReadOnlyAdminsBoth) {
    EXPECT_EQ(call("GET", "/api/docker/policy", Role::viewer).status, 403);
    auto dev = call("GET", "/api/docker/policy", Role::developer);
    ASSERT_EQ(dev.status, 200) << dev.body;
    auto p = json::parse(dev.body);
    EXPECT_EQ(p["allowed_bind_roots"], json::array({"/srv/from-config"}));
    EXPECT_EQ(p["source"], "config");
    EXPECT_NE(std::find(p["safe_capabilities"].begin(), p["safe_capabilities"].end(), "CHOWN"), p["safe_capabilities"].end());
    EXPECT_EQ(put({"/srv/x"}, Role::viewer).status, 403);
    EXPECT_EQ(put({"/srv/x"}, Role::developer).status, 403);
    EXPECT_EQ(policy()["source"], "config") << "a refused PUT saves nothing";
    EXPECT_TRUE(audit("docker.policy_update").empty());
}

TEST_F(DockerPolicyRoutes, BadRootsAre400NamingTheFieldAndChangeNothing) {
    ASSERT_EQ(put({"/srv/kept"}).status, 200);
    for (const json& bad : {json::array({"srv/relative"}), json::array({"/"}), json::array({"/srv/../etc"}),
                            json::array({"/srv//data"}), json::array({"/srv/data/"}), json::array({"/srv/a", "/srv/a"}),
                            json::array({"/var/run/docker.sock"}), json::array({"/var/run"}), json::array({"/run"}),
                            json::array({"/srv/ok", 3}), json("/srv"), json::array({std::string("/srv/a\nb")})}) {
        auto r = put(bad);
        EXPECT_EQ(r.status, 400) << bad.dump() << " " << r.body;
        EXPECT_EQ(json::parse(r.body)["error"]["field"], "allowed_bind_roots") << bad.dump();
    }
    EXPECT_EQ(call("PUT", "/api/docker/policy", Role::admin, json::object()).status, 400) << "the list is required";
    auto p = policy();
    EXPECT_EQ(p["allowed_bind_roots"], json::array({"/srv/kept"}));
    EXPECT_EQ(p["source"], "saved");
    EXPECT_EQ(audit("docker.policy_update").size(), 1u) << "only the good PUT is audited";
}

TEST_F(DockerPolicyRoutes, ASavedRootAppliesToTheNextCreateAtOnceAndIsAudited) {
    image = buildTestserver("img");
    test::TempDir allowed, other;
    auto refused = createBinding(allowed.path().string(), "before");
    ASSERT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(json::parse(refused.body)["error"]["message"].get<std::string>().find("allowed_bind_roots"), std::string::npos);

    auto saved = put({allowed.path().string()});
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(json::parse(saved.body)["source"], "saved");
    std::filesystem::create_directory(allowed.path() / "sub");
    auto made = createBinding((allowed.path() / "sub").string(), "after");
    EXPECT_EQ(made.status, 201) << "no restart needed: " << made.body;
    auto outside = createBinding(other.path().string(), "outside");
    EXPECT_EQ(outside.status, 403) << outside.body;
    EXPECT_EQ(json::parse(outside.body)["error"]["field"], "mounts");

    auto rows = audit("docker.policy_update");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["actor"], "admin");
    EXPECT_EQ(rows[0]["details"]["old"], json::array({"/srv/from-config"}));
    EXPECT_EQ(rows[0]["details"]["new"], json::array({allowed.path().string()}));

    auto cleared = put(nullptr);
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(json::parse(cleared.body)["source"], "config") << "null forgets the saved list";
    EXPECT_EQ(createBinding(allowed.path().string(), "cleared").status, 403) << "the config file's roots apply again";
    EXPECT_EQ(audit("docker.policy_update").size(), 2u);
}

}  // namespace
}  // namespace rivetr::api
