// /api/docker/policy over real HTTP on the real dockerd: who may read and set it, 400s that change nothing, the
// audit row, and a saved root taking effect on a developer's next create at once.
#include <gtest/gtest.h>

#include "api/testing/engine_routes_fixture.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;
using namespace std::chrono_literals;

class DockerPolicyRoutes : public testing::EngineRoutesTest {
protected:
    void configure() override { api.ctx.dockerPolicy.setConfigDefault({"/srv/from-config"}, api.ctx.containerPolicy); }
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
        json body{{"name", name(suffix)}, {"image", image}, {"labels", {{kRunLabel, run}}},
                  {"mounts", {{{"type", "bind"}, {"source", source}, {"target", "/data"}}}}};
        return call("POST", "/api/containers?start=false", Role::developer, body);
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
