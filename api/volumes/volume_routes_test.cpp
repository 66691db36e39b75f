// The volume routes over real HTTP on the real dockerd: roles, answers held to their OpenAPI schemas, names refused
// before any engine call, removal refused while mounted (naming the containers), an app's volume kept, prune's dry
// run versus its confirmation, the create policy for binds in disguise, and the audit with its actor.
#include <gtest/gtest.h>

#include "api/testing/role_client.hpp"
#include "containers/app_gateway.hpp"
#include "core/percent_encoding.hpp"
#include "hosts/local_host_directory.hpp"
#include "containers/testing/named_apps.hpp"
#include "runtime/image_test_fixture.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

class VolumeRoutesTest : public runtime::testing::ImageTest {
protected:
    // Not rivetr.*: the routes refuse those labels (they mark an app's volume).
    static constexpr const char* kRunLabel = "rivetr_test.run";

    testing::ApiHarness harness{"volumes-admin-token-0123456789abcdef"};
    testing::RoleClient client{harness};
    test::TempDir bindRoot{"rivetr-volume-root"};

    void SetUp() override {
        ImageTest::SetUp();
        std::shared_ptr<runtime::ContainerRuntime> shared(rt.get(), [](runtime::ContainerRuntime*) {});
        harness.ctx.hosts = std::make_shared<hosts::LocalHostDirectory>([shared] { return shared; });
        harness.ctx.appGateway = std::make_shared<containers::testing::NamedApps>();
        harness.ctx.containerPolicy.allowedBindRoots = {bindRoot.path().string()};
        harness.serve();
    }
    void TearDown() override {
        harness.shutdown();
        if (rt) {
            runtime::LabelFilter mine{{kOwnerLabel, app}};
            for (const auto& c : rt->listContainers(mine)) swallow([&] { rt->removeContainer(c.id, {.force = true}); });
            for (const auto& v : rt->listVolumes({{kRunLabel, app}})) swallow([&] { rt->removeVolume(v.name, true); });
        }
        ImageTest::TearDown();
    }

    test::HttpResponse call(Role role, const std::string& method, const std::string& path, const std::string& body = "") {
        return client.call(role, method, path, body);
    }
    json conforming(const test::HttpResponse& r, const std::string& schema) { return client.conforming(r, schema); }
    std::vector<store::AuditEntry> audited(const std::string& action) { return client.audited(action); }

    std::string volume(const std::string& suffix) const { return "rvt-" + app + "-" + suffix; }
    // POST /api/volumes of this test's volume (labelled for cleanup) with `extra` fields.
    test::HttpResponse create(Role role, const std::string& name, json extra = json::object()) {
        extra["name"] = name;
        extra["labels"][kRunLabel] = app;
        return call(role, "POST", "/api/volumes", extra.dump());
    }
    bool exists(const std::string& name) {
        for (const auto& v : rt->listVolumes({}))
            if (v.name == name) return true;
        return false;
    }
    // A stopped container of this test mounting `name` at /data.
    std::string mounting(const std::string& image, const std::string& name, bool readOnly) {
        runtime::ContainerSpec s;
        s.name = "rvt-" + app + "-user-" + std::to_string(++users_);
        s.image = image;
        s.labels = {{kOwnerLabel, app}};
        s.entrypoint = {"/bin/busybox", "true"};
        s.mounts = {{name, "/data", readOnly}};
        return rt->createContainer(s);
    }
    static const json* byName(const json& list, const std::string& name) {
        for (const auto& v : list)
            if (v["name"] == name) return &v;
        return nullptr;
    }

private:
    int users_ = 0;
};

TEST_F(VolumeRoutesTest, ADeveloperCreatesAVolumeEveryoneSeesItAndItsUsersAndItGoesOnlyOnceUnmounted) {
    std::string name = volume("data");
    EXPECT_EQ(create(Role::viewer, name).status, 403);
    auto made = create(Role::developer, name, {{"labels", {{"team", "ops"}}}, {"driver_opts", {{"type", "tmpfs"}, {"device", "tmpfs"}}}});
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(conforming(made, "VolumeCreated")["volume"]["options"]["type"], "tmpfs");
    auto again = create(Role::developer, name);
    EXPECT_EQ(again.status, 409) << "the engine would answer the existing volume as if made: " << again.body;
    ASSERT_EQ(audited("volume.create").size(), 1u);
    EXPECT_EQ(audited("volume.create")[0].actor, "developer-token");
    EXPECT_EQ(json::parse(audited("volume.create")[0].details)["driver_opts"], json::array({"device", "type"}))
        << "option keys only: values can be credentials";

    std::string image = buildBusybox(repo() + ":v1");
    std::string user = mounting(image, name, true);
    auto list = call(Role::viewer, "GET", "/api/volumes?label=team%3Dops&search=" + percentEncode(app) + "&dangling=false&driver=local");
    ASSERT_EQ(list.status, 200) << list.body;
    json body = conforming(list, "VolumeList");
    ASSERT_EQ(body["volumes"].size(), 1u) << list.body;
    const json& row = body["volumes"][0];
    EXPECT_EQ(row["name"], name);
    EXPECT_EQ(row["host"], "local");
    EXPECT_EQ(row["in_use"], true);
    EXPECT_EQ(row["used_by"][0]["id"], user);
    EXPECT_TRUE(json::parse(call(Role::viewer, "GET", "/api/volumes?label=team%3Dops&dangling=true").body)["volumes"].empty());
    auto every = call(Role::viewer, "GET", "/api/volumes?host=*&search=" + percentEncode(app));
    ASSERT_EQ(every.status, 200) << every.body;
    EXPECT_EQ(conforming(every, "VolumeList")["volumes"].size(), 1u);

    auto shown = call(Role::viewer, "GET", "/api/volumes/" + name);
    ASSERT_EQ(shown.status, 200) << shown.body;
    json detail = conforming(shown, "VolumeDetail");
    EXPECT_EQ(detail["inspect"]["Name"], name);
    EXPECT_EQ(detail["volume"]["used_by"][0]["target"], "/data");
    EXPECT_EQ(detail["volume"]["used_by"][0]["read_only"], true);
    EXPECT_TRUE(detail["volume"]["size_bytes"].is_number() || detail["volume"]["size_bytes"].is_null());

    EXPECT_EQ(call(Role::viewer, "DELETE", "/api/volumes/" + name).status, 403);
    for (const char* path : {"", "?force=1"}) {
        auto refused = call(Role::developer, "DELETE", "/api/volumes/" + name + path);
        ASSERT_EQ(refused.status, 409) << path << refused.body;
        json err = conforming(refused, "Error")["error"];
        EXPECT_EQ(err["code"], "volume_in_use");
        EXPECT_NE(err["message"].get<std::string>().find("rvt-" + app + "-user-1"), std::string::npos) << err;
        EXPECT_EQ(err["containers"][0]["id"], user);
        EXPECT_TRUE(exists(name)) << "?force=1 never removes a mounted volume";
    }
    EXPECT_TRUE(audited("volume.remove").empty()) << "a refusal changes nothing";

    rt->removeContainer(user, {.force = true});
    auto removed = call(Role::developer, "DELETE", "/api/volumes/" + name);
    ASSERT_EQ(removed.status, 200) << removed.body;
    conforming(removed, "VolumeRemoval");
    EXPECT_FALSE(exists(name));
    ASSERT_EQ(audited("volume.remove").size(), 1u);
    EXPECT_EQ(audited("volume.remove")[0].actor, "developer-token");
    EXPECT_EQ(call(Role::viewer, "GET", "/api/volumes/" + name).status, 404);
}

// The hostile name: refused 400 naming the field, and nothing reaches the engine.
TEST_F(VolumeRoutesTest, AHostileNameIsRefusedBeforeAnyEngineCall) {
    std::filesystem::remove("/tmp/pwn");
    for (const std::string bad : {"x;touch /tmp/pwn", "../etc", "a", "-x"}) {
        auto r = call(Role::developer, "POST", "/api/volumes", json{{"name", bad}}.dump());
        ASSERT_EQ(r.status, 400) << bad << r.body;
        EXPECT_EQ(json::parse(r.body)["error"]["field"], "name");
        EXPECT_FALSE(exists(bad));
        EXPECT_EQ(call(Role::developer, "DELETE", "/api/volumes/" + percentEncode(bad)).status, 400) << bad;
        EXPECT_EQ(call(Role::viewer, "GET", "/api/volumes/" + percentEncode(bad)).status, 400) << bad;
    }
    EXPECT_FALSE(std::filesystem::exists("/tmp/pwn"));
    auto opt = create(Role::developer, volume("o"), {{"driver_opts", {{"o;x", "1"}}}});
    EXPECT_EQ(opt.status, 400);
    EXPECT_EQ(json::parse(opt.body)["error"]["field"], "driver_opts.o;x");
    auto reserved = create(Role::developer, volume("r"), {{"labels", {{"rivetr.app", "app_x"}}}});
    EXPECT_EQ(json::parse(reserved.body)["error"]["field"], "labels.rivetr.app");
    EXPECT_FALSE(exists(volume("o")));
    EXPECT_FALSE(exists(volume("r")));
    EXPECT_TRUE(audited("volume.create").empty());
}

TEST_F(VolumeRoutesTest, AnAppsVolumeIsNeverRemovedOrPrunedBehindTheAppsBack) {
    std::string appVolume = runtime::volumeName(app, "data");
    rt->createVolume(appVolume, runtime::rivetrLabels(app));
    auto refused = call(Role::developer, "DELETE", "/api/volumes/" + appVolume);
    ASSERT_EQ(refused.status, 409) << refused.body;
    json err = json::parse(refused.body)["error"];
    EXPECT_EQ(err["code"], "app_volume");
    EXPECT_NE(err["message"].get<std::string>().find("'shop'"), std::string::npos) << err;
    EXPECT_TRUE(exists(appVolume));

    auto row = json::parse(call(Role::viewer, "GET", "/api/volumes?app=shop&search=" + percentEncode(app)).body)["volumes"];
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(row[0]["app"]["name"], "shop");
    EXPECT_EQ(row[0]["app"]["id"], app);

    auto pruned = call(Role::developer, "POST", "/api/volumes/prune", json{{"confirm", json::array({appVolume})}}.dump());
    ASSERT_EQ(pruned.status, 200) << pruned.body;
    json body = conforming(pruned, "VolumePrune");
    EXPECT_TRUE(body["volumes"].empty());
    ASSERT_EQ(body["kept"].size(), 1u);
    EXPECT_NE(body["kept"][0]["reason"].get<std::string>().find("shop"), std::string::npos);
    EXPECT_TRUE(exists(appVolume));
}

// The dry run lists the unused volumes and removes nothing; the confirmation removes exactly the confirmed
// ones still unused: not one left out of it, not one a container mounts by now. (Never ?yes=1 here: the
// dockerd is shared, and a fresh plan would list other tests' unused volumes.)
TEST_F(VolumeRoutesTest, PruneShowsFirstThenRemovesExactlyTheConfirmedStillUnused) {
    for (const char* v : {"a", "b", "c"}) ASSERT_EQ(create(Role::developer, volume(v)).status, 201);
    std::string image = buildBusybox(repo() + ":v1");
    mounting(image, volume("c"), false);

    EXPECT_EQ(call(Role::viewer, "POST", "/api/volumes/prune").status, 403);
    auto dry = call(Role::developer, "POST", "/api/volumes/prune");
    ASSERT_EQ(dry.status, 200) << dry.body;
    json plan = conforming(dry, "VolumePrune");
    EXPECT_EQ(plan["dry_run"], true);
    EXPECT_NE(byName(plan["volumes"], volume("a")), nullptr);
    EXPECT_NE(byName(plan["volumes"], volume("b")), nullptr);
    EXPECT_EQ(byName(plan["volumes"], volume("c")), nullptr) << "a mounted volume is never planned";
    for (const char* v : {"a", "b", "c"}) EXPECT_TRUE(exists(volume(v)));
    EXPECT_TRUE(audited("volume.prune").empty());

    auto done = call(Role::developer, "POST", "/api/volumes/prune", json{{"confirm", json::array({volume("a"), volume("c")})}}.dump());
    ASSERT_EQ(done.status, 200) << done.body;
    json report = conforming(done, "VolumePrune");
    EXPECT_EQ(report["dry_run"], false);
    ASSERT_EQ(report["outcomes"].size(), 1u) << done.body;
    EXPECT_EQ(report["outcomes"][0]["name"], volume("a"));
    EXPECT_EQ(report["outcomes"][0]["removed"], true);
    ASSERT_NE(byName(report["kept"], volume("c")), nullptr);
    EXPECT_FALSE(exists(volume("a")));
    EXPECT_TRUE(exists(volume("b"))) << "not confirmed";
    EXPECT_TRUE(exists(volume("c"))) << "mounted";
    ASSERT_EQ(audited("volume.prune").size(), 1u);
    EXPECT_EQ(audited("volume.prune")[0].actor, "developer-token");
}

// A local volume that binds a host path is a bind mount in disguise: the container policy judges it.
TEST_F(VolumeRoutesTest, BindDriverOptionsOutsideTheAllowedRootsAreForAdminsOnly) {
    json etc{{"driver_opts", {{"type", "none"}, {"o", "bind"}, {"device", "/etc"}}}};
    auto refused = create(Role::developer, volume("etc"), etc);
    ASSERT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["error"]["field"], "driver_opts");
    EXPECT_FALSE(exists(volume("etc")));
    ASSERT_EQ(audited("volume.create_denied").size(), 1u);
    EXPECT_EQ(audited("volume.create_denied")[0].actor, "developer-token");

    auto admin = create(Role::admin, volume("etc"), etc);
    ASSERT_EQ(admin.status, 201) << admin.body;
    EXPECT_EQ(conforming(admin, "VolumeCreated")["dangerous"][0]["field"], "driver_opts");
    EXPECT_TRUE(exists(volume("etc")));

    std::filesystem::create_directories(bindRoot.path() / "site");
    json site{{"driver_opts", {{"type", "none"}, {"o", "bind"}, {"device", (bindRoot.path() / "site").string()}}}};
    auto allowed = create(Role::developer, volume("site"), site);
    ASSERT_EQ(allowed.status, 201) << "under [docker] allowed_bind_roots: " << allowed.body;
    EXPECT_TRUE(json::parse(allowed.body)["dangerous"].empty());
}

}  // namespace
}  // namespace rivetr::api
