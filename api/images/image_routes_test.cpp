// The image routes over real HTTP on the real dockerd (and a real registry for pulls): roles, answers held to
// their OpenAPI schemas, the engine's refusals as 4xx, the pull's event stream, prune's dry run, the audit.
#include <gtest/gtest.h>

#include "api/testing/role_client.hpp"
#include "core/percent_encoding.hpp"
#include "hosts/local_host_directory.hpp"
#include "runtime/image_test_fixture.hpp"
#include "runtime/testing/image_exists.hpp"
#include "tests/fixtures/local_registry.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

struct SseEvent {
    std::string name;
    json data;
};

// The events of a whole text/event-stream body.
std::vector<SseEvent> sseEvents(const std::string& body) {
    std::vector<SseEvent> out;
    std::size_t pos = 0;
    for (std::size_t end; (end = body.find("\n\n", pos)) != std::string::npos; pos = end + 2) {
        SseEvent e;
        std::string block = body.substr(pos, end - pos);
        for (std::size_t l = 0, n; l < block.size(); l = n + 1) {
            n = block.find('\n', l);
            if (n == std::string::npos) n = block.size();
            std::string line = block.substr(l, n - l);
            if (line.rfind("event: ", 0) == 0) e.name = line.substr(7);
            if (line.rfind("data: ", 0) == 0) e.data = json::parse(line.substr(6), nullptr, false);
        }
        if (!e.name.empty()) out.push_back(std::move(e));
    }
    return out;
}

class ImageRoutesTest : public runtime::testing::ImageTest {
protected:
    testing::ApiHarness harness{"images-admin-token-0123456789abcdef"};
    testing::RoleClient client{harness};
    ApiContext& ctx = harness.ctx;
    std::vector<Route>& routes = harness.routes;

    void SetUp() override {
        ImageTest::SetUp();
        std::shared_ptr<runtime::ContainerRuntime> shared(rt.get(), [](runtime::ContainerRuntime*) {});
        ctx.hosts = std::make_shared<hosts::LocalHostDirectory>([shared] { return shared; });
        harness.serve();
    }
    void TearDown() override {
        harness.shutdown();
        ImageTest::TearDown();
    }

    test::HttpResponse call(Role role, const std::string& method, const std::string& path, const std::string& body = "") {
        return client.call(role, method, path, body);
    }
    json conforming(const test::HttpResponse& r, const std::string& schema) { return client.conforming(r, schema); }
    std::vector<store::AuditEntry> audited(const std::string& action) { return client.audited(action); }
    static const json* byId(const json& list, const std::string& id) {
        for (const auto& i : list)
            if (i["id"] == id) return &i;
        return nullptr;
    }
    bool exists(const std::string& ref) { return runtime::testing::imageExists(*rt, ref); }
};

TEST_F(ImageRoutesTest, AViewerSeesEveryImageWithItsContainersHistoryAndDiskUsage) {
    std::string image = buildBusybox(repo() + ":v1");
    std::string dangling = buildBusybox("");
    std::string c = containerFrom(image, false);

    auto r = call(Role::viewer, "GET", "/api/images");
    ASSERT_EQ(r.status, 200) << r.body;
    json list = conforming(r, "ImageList");
    EXPECT_EQ(list["host"], "local");
    const json* mine = byId(list["images"], image);
    ASSERT_NE(mine, nullptr);
    EXPECT_EQ((*mine)["tags"], json::array({repo() + ":v1"}));
    EXPECT_EQ((*mine)["in_use"], true);
    EXPECT_EQ((*mine)["used_by"][0]["id"], c);
    EXPECT_EQ((*mine)["short_id"], image.substr(7, 12));
    EXPECT_EQ((*mine)["managed"], false);
    ASSERT_NE(byId(list["images"], dangling), nullptr);
    EXPECT_EQ((*byId(list["images"], dangling))["dangling"], true);

    auto h = call(Role::viewer, "GET", "/api/images/" + percentEncode(repo() + ":v1") + "/history");
    ASSERT_EQ(h.status, 200) << h.body;
    EXPECT_EQ(conforming(h, "ImageHistory")["layers"][0]["id"], image);
    auto du = call(Role::viewer, "GET", "/api/docker/disk-usage");
    ASSERT_EQ(du.status, 200) << du.body;
    EXPECT_GE(conforming(du, "DiskUsage")["images"]["total"].get<int>(), 2);

    auto elsewhere = call(Role::viewer, "GET", "/api/images?host=elsewhere");
    EXPECT_EQ(elsewhere.status, 404);
    EXPECT_EQ(json::parse(elsewhere.body)["error"]["field"], "host");
    EXPECT_EQ(call(Role::viewer, "GET", "/api/images/" + percentEncode(repo() + ":nope") + "/history").status, 404);
}

// Three hosts: the local engine, "mirror" (the same engine under a second id) and "far", which never answers.
class ThreeHosts : public hosts::HostDirectory {
public:
    explicit ThreeHosts(std::shared_ptr<runtime::ContainerRuntime> rt) : rt_(std::move(rt)) {}
    std::shared_ptr<runtime::ContainerRuntime> runtimeFor(const std::string& id) override {
        if (id == "far") throw runtime::RuntimeError(runtime::ErrorKind::DaemonUnavailable, "far: connection refused");
        if (id.empty() || id == hosts::kLocalHost || id == "mirror") return rt_;
        throw hosts::HostNotFound(id);
    }
    std::vector<hosts::HostState> hosts() override {
        return {{hosts::kLocalHost, hosts::kLocalHost, "local", true, 0, "", ""}, {"far", "far", "tcp", false, 0, "refused", ""},
                {"mirror", "mirror", "tcp", true, 0, "", ""}};
    }

private:
    std::shared_ptr<runtime::ContainerRuntime> rt_;
};

TEST_F(ImageRoutesTest, EveryHostsImagesAreListedAtOnceEachNamingItsHostAndAnUnreachableHostIsReported) {
    std::string image = buildBusybox(repo() + ":v1");
    std::shared_ptr<runtime::ContainerRuntime> shared(rt.get(), [](runtime::ContainerRuntime*) {});
    ctx.hosts = std::make_shared<ThreeHosts>(shared);
    harness.serve();

    for (const std::string star : {"*", "%2A"}) {
        auto r = call(Role::viewer, "GET", "/api/images?host=" + star);
        ASSERT_EQ(r.status, 200) << r.body;
        json list = conforming(r, "ImageList");
        EXPECT_EQ(list["host"], "*");
        std::vector<std::string> hostsOfMine;
        for (const auto& i : list["images"])
            if (i["id"] == image) hostsOfMine.push_back(i["host"]);
        EXPECT_EQ(hostsOfMine, (std::vector<std::string>{"local", "mirror"})) << "one row per host, each naming it";
        ASSERT_EQ(list["unreachable"].size(), 1u) << r.body;
        EXPECT_EQ(list["unreachable"][0]["host"], "far");
        EXPECT_NE(list["unreachable"][0]["error"].get<std::string>().find("connection refused"), std::string::npos);
    }
    auto one = call(Role::viewer, "GET", "/api/images?host=mirror");
    ASSERT_EQ(one.status, 200);
    EXPECT_TRUE(conforming(one, "ImageList")["unreachable"].empty());
    EXPECT_EQ(byId(json::parse(one.body)["images"], image)->at("host"), "mirror");
    auto far = call(Role::viewer, "GET", "/api/images?host=far");
    EXPECT_EQ(far.status, 503) << "asked alone, an unreachable host is the answer: " << far.body;
}

TEST_F(ImageRoutesTest, RemovalIsRefusedWithTheEnginesReasonWhileUsedThenForcedAndAudited) {
    std::string image = buildBusybox(repo() + ":v1");
    std::string c = containerFrom(image, false);
    std::string path = "/api/images/" + percentEncode(repo() + ":v1");
    EXPECT_EQ(call(Role::viewer, "DELETE", path).status, 403);

    auto refused = call(Role::developer, "DELETE", path);
    ASSERT_EQ(refused.status, 409) << refused.body;
    auto err = json::parse(refused.body)["error"];
    EXPECT_EQ(err["code"], "conflict");
    EXPECT_NE(err["message"].get<std::string>().find(c.substr(0, 12)), std::string::npos) << "the engine names the container";
    EXPECT_TRUE(exists(image));
    EXPECT_TRUE(audited("image.remove").empty()) << "a refusal changes nothing";

    auto forced = call(Role::developer, "DELETE", path + "?force=true");
    ASSERT_EQ(forced.status, 200) << forced.body;
    EXPECT_EQ(conforming(forced, "ImageRemoval")["deleted"][0], image);
    EXPECT_FALSE(exists(image));
    auto a = audited("image.remove");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].actor, "developer-token");
    EXPECT_EQ(json::parse(a[0].details)["force"], true);

    auto missing = call(Role::developer, "DELETE", path);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(json::parse(missing.body)["error"]["code"], "image_not_found");
    auto bad = call(Role::developer, "DELETE", "/api/images/" + percentEncode("../etc"));
    EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST_F(ImageRoutesTest, PruneShowsWhatWouldGoFirstThenRemovesOnlyWhatWasConfirmed) {
    std::string confirmed = buildBusybox("");
    std::string tagged = buildBusybox(repo() + ":old");
    std::string used = buildBusybox(repo() + ":used");
    containerFrom(used, false);
    json mine = {{"mode", "unused"}, {"labels", {{kOwnerLabel, app}}}};

    EXPECT_EQ(call(Role::viewer, "POST", "/api/images/prune", mine.dump()).status, 403);
    auto preview = call(Role::developer, "POST", "/api/images/prune", mine.dump());
    ASSERT_EQ(preview.status, 200) << preview.body;
    json plan = conforming(preview, "ImagePrune");
    EXPECT_EQ(plan["dry_run"], true) << "a prune is a dry run unless told otherwise";
    EXPECT_EQ(plan["images"].size(), 2u);
    ASSERT_EQ(plan["kept"].size(), 1u);
    EXPECT_EQ(plan["kept"][0]["id"], used);
    EXPECT_TRUE(exists(confirmed) && exists(tagged));
    EXPECT_TRUE(audited("image.prune").empty());

    json go = mine;
    go["dry_run"] = false;
    go["image_ids"] = {confirmed};  // the user unticked the tagged one
    auto done = call(Role::developer, "POST", "/api/images/prune", go.dump());
    ASSERT_EQ(done.status, 200) << done.body;
    json report = conforming(done, "ImagePrune");
    ASSERT_EQ(report["outcomes"].size(), 1u);
    EXPECT_EQ(report["outcomes"][0]["removed"], true);
    EXPECT_FALSE(exists(confirmed));
    EXPECT_TRUE(exists(tagged));
    EXPECT_TRUE(exists(used));
    auto a = audited("image.prune");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(json::parse(a[0].details)["removed"], json::array({confirmed}));

    for (const auto& [body, field] : std::vector<std::pair<json, std::string>>{
             {{{"mode", "everything"}}, "mode"}, {{{"dry_run", "no"}}, "dry_run"}, {{{"imageids", json::array()}}, "imageids"},
             {{{"labels", {{"a", 1}}}}, "labels.a"}}) {
        auto r = call(Role::developer, "POST", "/api/images/prune", body.dump());
        EXPECT_EQ(r.status, 400) << body.dump() << " -> " << r.body;
        EXPECT_EQ(json::parse(r.body)["error"]["field"], field) << r.body;
    }
}

class ImagePullRoutesTest : public ImageRoutesTest {
protected:
    test::LocalRegistry registry;
};

TEST_F(ImagePullRoutesTest, APullStreamsItsProgressAndEndsWithTheImage) {
    std::string id = buildBusybox("");
    std::string remote = registry.host() + "/" + repo();
    rt->tagImage(id, remote, "v1");
    test::pushThroughEngine(remote, "v1");
    rt->removeImage(id, true);

    EXPECT_EQ(call(Role::viewer, "POST", "/api/images/pull", json{{"image", remote + ":v1"}}.dump()).status, 403);
    auto r = call(Role::developer, "POST", "/api/images/pull", json{{"image", remote + ":v1"}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers["content-type"].rfind("text/event-stream", 0), 0u);
    auto events = sseEvents(r.body);
    ASSERT_GE(events.size(), 3u) << r.body;
    json doc = openApiDocument(routes);
    bool downloading = false;
    for (std::size_t i = 0; i + 1 < events.size(); ++i) {
        EXPECT_EQ(events[i].name, "progress");
        EXPECT_TRUE(schemaViolations(doc, {{"$ref", "#/components/schemas/ImagePullProgress"}}, events[i].data).empty()) << events[i].data;
        downloading = downloading || (events[i].data["status"] == "Downloading" && events[i].data["total"].get<long long>() > 0);
    }
    EXPECT_TRUE(downloading) << r.body;
    ASSERT_EQ(events.back().name, "done") << r.body;
    EXPECT_TRUE(schemaViolations(doc, {{"$ref", "#/components/schemas/ImagePullResult"}}, events.back().data).empty());
    EXPECT_EQ(events.back().data["image_id"], id);
    EXPECT_TRUE(exists(remote + ":v1"));
    auto a = audited("image.pull");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].targetId, remote + ":v1");
    EXPECT_EQ(a[0].actor, "developer-token");

    // A tag the registry lacks: the stream opens (the engine answers 200 first) and ends with an error event.
    auto missing = call(Role::developer, "POST", "/api/images/pull", json{{"image", remote + ":nope"}}.dump());
    auto endEvents = sseEvents(missing.body);
    ASSERT_FALSE(endEvents.empty()) << missing.body;
    EXPECT_EQ(endEvents.back().name, "error");
    EXPECT_EQ(endEvents.back().data["error"]["code"], "image_not_found") << missing.body;

    // Refused before any stream: a bad reference, no reference, an unknown host.
    for (const auto& [path, body] : std::vector<std::pair<std::string, json>>{
             {"/api/images/pull", {{"image", "a b"}}}, {"/api/images/pull", json::object()}, {"/api/images/pull", {{"img", "x"}}}}) {
        auto bad = call(Role::developer, "POST", path, body.dump());
        EXPECT_EQ(bad.status, 400) << body.dump() << " -> " << bad.body;
    }
    auto nowhere = call(Role::developer, "POST", "/api/images/pull?host=nowhere", json{{"image", remote + ":v1"}}.dump());
    EXPECT_EQ(nowhere.status, 404) << nowhere.body;
    EXPECT_EQ(audited("image.pull").size(), 2u) << "refused pulls are not audited as pulls";
}

}  // namespace
}  // namespace rivetr::api
