// The Docker manager's container routes over real HTTP on the real dockerd: roles, the policy's 403 and its audit,
// the life of a container (create, inspect, act, clone, edit, bulk, remove), logs, events, and answers matching the document.
#include <gtest/gtest.h>

#include "api/http/sse_test_reader.hpp"
#include "api/testing/engine_routes_fixture.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;
using namespace std::chrono_literals;

class ContainerRoutesTest : public testing::EngineRoutesTest {
protected:
    ApiContext& ctx = api.ctx;

    void SetUp() override {
        EngineRoutesTest::SetUp();
        image = buildTestserver("img");
    }
    std::string url(const std::string& path) const { return api.url(path); }
    json body(const std::string& name) {
        return {{"name", name}, {"image", image}, {"labels", {{kRunLabel, run}}}, {"env", {{"GREETING", "hi"}}},
                {"restart_policy", "on-failure:2"}};
    }
};

TEST_F(ContainerRoutesTest, AContainersLifeThroughTheApiWithRolesAndAnswersAsDocumented) {
    const std::string web = name("web");
    EXPECT_EQ(call("POST", "/api/containers", Role::viewer, body(web)).status, 403) << "viewers read only";
    auto made = checked("POST", "/api/containers", "/api/containers", Role::developer, body(web));
    ASSERT_EQ(made.status, 201) << made.body;
    std::string id = json::parse(made.body)["id"];

    auto list = checked("GET", "/api/containers", "/api/containers?label=" + std::string(kRunLabel) + "%3D" + run, Role::viewer);
    ASSERT_EQ(list.status, 200) << list.body;
    auto rows = json::parse(list.body)["containers"];
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["name"], web);
    EXPECT_EQ(rows[0]["state"], "running");
    EXPECT_TRUE(rows[0]["app"].is_null());
    EXPECT_EQ(json::parse(call("GET", "/api/containers?search=" + web.substr(4) + "&all=false", Role::viewer).body)["containers"].size(), 1u);

    auto shown = checked("GET", "/api/containers/{id}", "/api/containers/" + web, Role::viewer);
    ASSERT_EQ(shown.status, 200) << shown.body;
    auto detail = json::parse(shown.body);
    EXPECT_EQ(detail["inspect"]["Id"], id);
    EXPECT_EQ(detail["config"]["env"]["GREETING"], "hi");
    EXPECT_EQ(detail["config"]["restart_policy"], "on-failure:2");
    EXPECT_EQ(detail["host"], "local");
    EXPECT_EQ(detail["terminal_enabled"], false) << "no terminal service runs in this server";

    EXPECT_EQ(checked("POST", "/api/containers/{id}/stop", "/api/containers/" + web + "/stop?grace=2", Role::developer).status, 200);
    auto pause = checked("POST", "/api/containers/{id}/pause", "/api/containers/" + web + "/pause", Role::developer);
    EXPECT_EQ(pause.status, 409) << pause.body;
    EXPECT_EQ(json::parse(pause.body)["error"]["code"], "invalid_state");
    EXPECT_EQ(checked("POST", "/api/containers/{id}/start", "/api/containers/" + web + "/start", Role::developer).status, 200);
    EXPECT_EQ(checked("GET", "/api/containers/{id}/stats", "/api/containers/" + web + "/stats", Role::viewer).status, 200);
    EXPECT_EQ(checked("GET", "/api/containers/{id}/top", "/api/containers/" + web + "/top", Role::viewer).status, 200);
    EXPECT_EQ(checked("GET", "/api/containers/{id}/logs", "/api/containers/" + web + "/logs?tail=10", Role::viewer).status, 200);

    auto cloned = checked("POST", "/api/containers/{id}/clone", "/api/containers/" + web + "/clone", Role::developer,
                          {{"name", name("copy")}});
    ASSERT_EQ(cloned.status, 201) << cloned.body;
    auto edited = checked("PUT", "/api/containers/{id}", "/api/containers/" + web, Role::developer, {{"env", {{"GREETING", "hello"}}}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(json::parse(call("GET", "/api/containers/" + web, Role::viewer).body)["config"]["restart_policy"], "on-failure:2")
        << "an edit keeps what it does not name";
    auto renamed = checked("POST", "/api/containers/{id}/rename", "/api/containers/" + name("copy") + "/rename", Role::developer,
                           {{"name", name("copy2")}});
    EXPECT_EQ(renamed.status, 200) << renamed.body;

    auto bulk = checked("POST", "/api/containers/bulk", "/api/containers/bulk", Role::developer,
                        {{"action", "remove"}, {"ids", {web, name("copy2"), name("nope")}}, {"force", true}});
    ASSERT_EQ(bulk.status, 200) << bulk.body;
    auto results = json::parse(bulk.body)["results"];
    EXPECT_EQ(results[0]["status"], 200);
    EXPECT_EQ(results[1]["status"], 200);
    EXPECT_EQ(results[2]["status"], 404);
    EXPECT_EQ(checked("DELETE", "/api/containers/{id}", "/api/containers/" + web, Role::developer).status, 404);

    for (const char* action : {"container.create", "container.stop", "container.start", "container.clone", "container.edit",
                               "container.rename", "container.remove"})
        EXPECT_FALSE(audit(action).empty()) << action << " is audited";
    EXPECT_EQ(audit("container.stop")[0]["actor"], "developer-token");
}

// The dashboard offers "Open terminal" only when the server would open one: the detail says whether it would.
TEST_F(ContainerRoutesTest, TheDetailSaysWhetherTheTerminalIsOn) {
    ASSERT_EQ(call("POST", "/api/containers", Role::developer, body(name("term"))).status, 201);
    for (bool enabled : {true, false}) {
        terminal::TerminalOptions options;
        options.enabled = enabled;
        ctx.terminals = std::make_shared<terminal::TerminalService>(options, [](const std::string&, const terminal::TerminalRecord&) {});
        api.serve();
        auto shown = call("GET", "/api/containers/" + name("term"), Role::viewer);
        ASSERT_EQ(shown.status, 200) << shown.body;
        EXPECT_EQ(json::parse(shown.body)["terminal_enabled"], enabled);
    }
}

TEST_F(ContainerRoutesTest, ThePolicyAnswers403NamingTheFieldAndAuditsWhatAnAdminUsed) {
    json privileged = body(name("priv"));
    privileged["privileged"] = true;
    privileged["start"] = false;
    auto denied = checked("POST", "/api/containers", "/api/containers", Role::developer, privileged);
    ASSERT_EQ(denied.status, 403) << denied.body;
    EXPECT_EQ(json::parse(denied.body)["error"]["field"], "privileged");
    EXPECT_EQ(json::parse(denied.body)["error"]["code"], "policy_violation");
    EXPECT_EQ(audit("container.create_denied").size(), 1u) << "a refused attempt is on the record";
    EXPECT_EQ(call("GET", "/api/containers/" + name("priv"), Role::viewer).status, 404) << "nothing was created";

    json socket = body(name("sock"));
    socket["mounts"] = {{{"type", "bind"}, {"source", "/run/docker.sock"}, {"target", "/var/run/docker.sock"}}};
    socket["start"] = false;
    auto sock = call("POST", "/api/containers", Role::developer, socket);
    EXPECT_EQ(sock.status, 403) << sock.body;
    EXPECT_EQ(json::parse(sock.body)["error"]["field"], "mounts");

    auto allowed = checked("POST", "/api/containers", "/api/containers", Role::admin, privileged);
    ASSERT_EQ(allowed.status, 201) << allowed.body;
    EXPECT_EQ(json::parse(allowed.body)["dangerous"][0]["field"], "privileged");
    auto recorded = audit("container.create");
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(recorded[0]["details"]["dangerous"][0]["field"], "privileged") << "the audit says what the admin used";

    auto clone = call("POST", "/api/containers/" + name("priv") + "/clone", Role::developer, {{"name", name("priv2")}});
    EXPECT_EQ(clone.status, 403) << "a developer's clone of it is judged by the same policy";

    auto bad = checked("POST", "/api/containers", "/api/containers", Role::developer, {{"image", image}, {"ports", {{{"container", 0}}}}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(json::parse(bad.body)["error"]["field"], "ports[0].container");
    EXPECT_EQ(call("GET", "/api/containers?host=elsewhere", Role::viewer).status, 404);
}

TEST_F(ContainerRoutesTest, LogsFollowAndTheEnginesEventsStreamAsSse) {
    std::vector<std::string> auth{"Authorization: Bearer " + client.token(Role::viewer)};
    test::SseReader events(url("/api/docker/events"), auth, 60s);
    std::this_thread::sleep_for(500ms);
    json b = body(name("talk"));
    auto made = call("POST", "/api/containers", Role::developer, b);
    ASSERT_EQ(made.status, 201) << made.body;
    std::string id = json::parse(made.body)["id"];
    ASSERT_TRUE(events.waitFor("\"action\":\"start\"", 15s)) << events.text();
    EXPECT_NE(events.text().find(id), std::string::npos);

    test::SseReader logs(url("/api/containers/" + name("talk") + "/logs/stream?tail=0"), auth, 60s);
    std::this_thread::sleep_for(500ms);
    rt->exec(id, {"/bin/busybox", "sh", "-c", "echo streamed-line > /proc/1/fd/1"});
    EXPECT_TRUE(logs.waitFor("streamed-line", 15s)) << logs.text();
    EXPECT_EQ(call("GET", "/api/containers/" + name("absent") + "/logs/stream", Role::viewer).status, 404);
}

}  // namespace
}  // namespace rivetr::api
