// The control API over real HTTP: the authorization matrix read from the route table, validation that
// writes nothing, app/env/token life cycles and their audit entries.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "api/http/api_server.hpp"
#include "api/http/openapi.hpp"
#include "api/http/documented_answer.hpp"
#include "api/http/openapi_schema_check.hpp"
#include "api/route_table.hpp"
#include "api/apps/runtimeless_engine.hpp"
#include "api/testing/api_harness.hpp"
#include "core/git/source.hpp"
#include "server/proxy_traffic.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;

constexpr const char* kAdminToken = "admin-token-for-the-tests-0123456789";

class ApiRoutes : public ::testing::Test {
protected:
    testing::ApiHarness harness{kAdminToken};
    test::TempDir& dir = harness.dir;
    std::unique_ptr<store::Store>& store = harness.store;
    ApiContext& ctx = harness.ctx;
    test::RuntimelessEngine& rig = harness.runtimeless();
    store::AppStateRepository& appState = rig.appState;
    engine::Engine& engine = rig.engine;
    const int port = harness.port;
    std::vector<Route>& routes = harness.routes;
    std::map<Role, std::string> tokens;

    void SetUp() override {
        harness.serve(&engine);
        for (auto r : {Role::viewer, Role::developer, Role::admin}) {
            tokens[r] = ctx.tokens.create(std::string(store::roleName(r)) + "-token", r, std::nullopt).token;
        }
    }

    test::HttpResponse call(const std::string& method, const std::string& path, const std::string& token,
                            const std::string& body = "") {
        test::HttpRequest req;
        req.method = method;
        req.url = "http://127.0.0.1:" + std::to_string(port) + path;
        if (!token.empty()) req.headers.push_back("Authorization: Bearer " + token);
        if (!body.empty()) req.headers.push_back("Content-Type: application/json");
        req.body = body;
        req.timeout = callTimeout;
        return test::http(req);
    }
    std::chrono::milliseconds callTimeout{10000};
    test::HttpResponse admin(const std::string& method, const std::string& path, const std::string& body = "") {
        return call(method, path, kAdminToken, body);
    }
    json createApp(const std::string& name, const std::vector<std::string>& domains = {}) {
        auto r = admin("POST", "/api/apps",
                       json{{"name", name}, {"git_url", "https://example.com/" + name + ".git"}, {"port", 3000},
                            {"domains", domains}}.dump());
        EXPECT_EQ(r.status, 201) << r.body;
        return json::parse(r.body);
    }
    std::size_t appCount() { return ctx.apps.list().size(); }
    std::size_t auditCount() { return ctx.audit.list(1000).size(); }
};

std::string methodOf(Method m) { return methodName(m); }

// Every route × {anonymous, viewer, developer, admin} gets exactly what the table says: public
// routes never 401/403; otherwise anonymous → 401, a lesser role → 403, enough role → neither.
TEST_F(ApiRoutes, AuthorizationMatrixFollowsTheRouteTable) {
    ASSERT_GE(routes.size(), 19u);
    const std::vector<std::pair<std::string, std::optional<Role>>> callers{
        {"", std::nullopt}, {"viewer", Role::viewer}, {"developer", Role::developer}, {"admin", Role::admin}};
    for (const auto& route : routes) {
        // The terminal's WebSocket refuses every bearer token (401) and is off without a server's terminals
        // (403) on purpose: its own matrix is tests/integration/terminal_test.cpp.
        if (route.path.ends_with("/terminal")) continue;
        for (const auto& [label, role] : callers) {
            auto app = createApp("matrix-" + std::to_string(appCount()));
            ctx.env.set(app["id"], {"KEY", "v"});
            auto tokenId = ctx.tokens.create("victim", Role::viewer, std::nullopt).record.id;
            store::DeploymentRecord dep;
            dep.id = "dep_" + std::to_string(appCount());
            dep.appId = app["id"];
            dep.image = "rivetr/none:x";
            ctx.deployments.create(dep);
            std::string path = route.path;
            auto replace = [&](const std::string& param, const std::string& value) {
                if (auto p = path.find(param); p != std::string::npos) path.replace(p, param.size(), value);
            };
            bool isToken = path.rfind("/api/tokens", 0) == 0;
            bool isDeployment = path.rfind("/api/deployments", 0) == 0;
            bool isUser = path.rfind("/api/users/", 0) == 0;
            auto userId = isUser ? ctx.users.create("victim-" + crypto::toHex(crypto::randomBytes(4)), "victim-password", Role::viewer).id : "";
            replace(":id", isToken ? tokenId : isDeployment ? dep.id : isUser ? userId : app["id"].get<std::string>());
            replace(":key", "KEY");
            // Streams stay open by design: their status is read from the headers within a second.
            bool isStream = path.size() > 7 && (path.ends_with("/stream") || path == "/api/events");
            callTimeout = isStream ? std::chrono::milliseconds(1500) : std::chrono::milliseconds(10000);
            auto r = call(methodOf(route.method), path, role ? tokens[*role] : "", "{}");
            std::string what = label + " " + methodOf(route.method) + " " + route.path + " -> " +
                               std::to_string(r.status) + " " + r.body;
            if (!route.minRole) {
                EXPECT_NE(r.status, 401) << what;
                EXPECT_NE(r.status, 403) << what;
            } else if (!role) {
                EXPECT_EQ(r.status, 401) << what;
            } else if (*role < *route.minRole) {
                EXPECT_EQ(r.status, 403) << what;
            } else {
                EXPECT_NE(r.status, 401) << what;
                EXPECT_NE(r.status, 403) << what;
                EXPECT_NE(r.status, 0) << what;
            }
        }
    }
}

TEST_F(ApiRoutes, WrongOrRevokedTokensAre401) {
    EXPECT_EQ(call("GET", "/api/apps", "rvt_not-a-token").status, 401);
    auto created = ctx.tokens.create("temp", Role::admin, std::nullopt);
    EXPECT_EQ(call("GET", "/api/apps", created.token).status, 200);
    ctx.tokens.revoke(created.record.id, 1);
    EXPECT_EQ(call("GET", "/api/apps", created.token).status, 401);
}

TEST_F(ApiRoutes, AppLifeCycleWithAudit) {
    auto app = createApp("web", {"Web.Example.com"});
    EXPECT_EQ(app["domains"], json::array({"web.example.com"}));
    EXPECT_EQ(app["branch"], "main");
    EXPECT_EQ(app["healthcheck"]["path"], "/");
    EXPECT_EQ(app["webhook_secret"].get<std::string>().rfind("whsec_", 0), 0u);
    std::string id = app["id"];

    auto byName = call("GET", "/api/apps/web", tokens[Role::viewer]);
    ASSERT_EQ(byName.status, 200);
    EXPECT_EQ(json::parse(byName.body)["id"], id);
    EXPECT_FALSE(json::parse(byName.body).contains("webhook_secret")) << "a viewer saw the webhook secret";

    auto updated = call("PUT", "/api/apps/" + id, tokens[Role::developer],
                        json{{"branch", "release"}, {"healthcheck", {{"path", "/healthz"}}}}.dump());
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(json::parse(updated.body)["branch"], "release");
    EXPECT_EQ(json::parse(updated.body)["healthcheck"]["path"], "/healthz");
    EXPECT_EQ(json::parse(updated.body)["port"], 3000);

    EXPECT_EQ(call("DELETE", "/api/apps/" + id, tokens[Role::developer]).status, 204);
    EXPECT_EQ(call("GET", "/api/apps/" + id, tokens[Role::viewer]).status, 404);

    auto audit = json::parse(admin("GET", "/api/audit").body);
    ASSERT_GE(audit.size(), 3u);
    EXPECT_EQ(audit[0]["action"], "app.delete");
    EXPECT_EQ(audit[0]["actor"], "developer-token");
    EXPECT_EQ(audit[1]["action"], "app.update");
    EXPECT_EQ(audit[2]["action"], "app.create");
    EXPECT_EQ(audit[2]["actor"], "admin");
    EXPECT_EQ(call("GET", "/api/audit", tokens[Role::developer]).status, 403);
}

TEST_F(ApiRoutes, EachBadFieldIs400NamingItAndWritesNothing) {
    createApp("taken", {"taken.example.com"});
    auto before = appCount();
    auto audits = auditCount();
    const json base{{"name", "ok-app"}, {"git_url", "https://example.com/x.git"}, {"port", 3000}};
    const std::vector<std::pair<json, std::string>> cases{
        {{{"name", "Bad Name"}}, "name"},
        {{{"git_url", "-oProxyCommand=x"}}, "git_url"},
        {{{"branch", "a..b"}}, "branch"},
        {{{"port", 70000}}, "port"},
        {{{"port", "80"}}, "port"},
        {{{"domains", {"not a domain"}}}, "domains"},
        {{{"build_type", "magic"}}, "build_type"},
        {{{"dockerfile_path", "../x"}}, "dockerfile_path"},
        {{{"healthcheck", {{"interval_ms", 1}}}}, "healthcheck.interval_ms"},
        {{{"healthcheck", {{"path", "x"}}}}, "healthcheck.path"},
        {{{"resources", {{"memory_limit_bytes", 5}}}}, "resources.memory_limit_bytes"},
        {{{"colour", "blue"}}, "colour"},
    };
    for (const auto& [patch, field] : cases) {
        auto body = base;
        body.update(patch);
        auto r = admin("POST", "/api/apps", body.dump());
        EXPECT_EQ(r.status, 400) << field << ": " << r.body;
        auto j = json::parse(r.body, nullptr, false);
        EXPECT_EQ(j["error"]["field"], field) << r.body;
    }
    auto missing = admin("POST", "/api/apps", json{{"name", "x"}}.dump());
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(admin("POST", "/api/apps", "not json").status, 400);

    auto dupName = admin("POST", "/api/apps", json{{"name", "taken"}, {"git_url", "https://e.com/a.git"}, {"port", 1}}.dump());
    EXPECT_EQ(dupName.status, 409);
    EXPECT_EQ(json::parse(dupName.body)["error"]["field"], "name");
    auto dupDomain = admin("POST", "/api/apps", json{{"name", "fresh"}, {"git_url", "https://e.com/a.git"}, {"port", 1},
                                                      {"domains", {"TAKEN.example.com"}}}.dump());
    EXPECT_EQ(dupDomain.status, 409);
    EXPECT_EQ(json::parse(dupDomain.body)["error"]["field"], "domains");
    EXPECT_EQ(json::parse(dupDomain.body)["error"]["message"],
              "domain \"taken.example.com\" is already in use by the app \"taken\"; remove it from that app first");

    EXPECT_EQ(appCount(), before) << "a rejected request wrote an app";
    EXPECT_EQ(auditCount(), audits) << "a rejected request was audited as a change";
}

// A URL with credentials is accepted (existing users keep working), but they are split off at
// once: no answer shows them, to any role, and the database holds them sealed.
TEST_F(ApiRoutes, GitCredentialsInTheUrlAreSplitOffSealedAndNeverShown) {
    const std::string pw = "hunter2-Zq9";
    auto created = admin("POST", "/api/apps",
                         json{{"name", "priv"}, {"git_url", "https://deploy:" + pw + "@git.example.com/o/r.git"},
                              {"port", 3000}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.body.find(pw), std::string::npos) << created.body;
    auto app = json::parse(created.body);
    EXPECT_EQ(app["git_url"], "https://git.example.com/o/r.git");
    EXPECT_EQ(app["has_git_credentials"], true);
    std::string id = app["id"];
    for (auto role : {Role::viewer, Role::developer, Role::admin}) {
        for (const auto& path : {std::string("/api/apps"), "/api/apps/" + id}) {
            auto r = call("GET", path, tokens[role]);
            EXPECT_EQ(r.status, 200);
            EXPECT_EQ(r.body.find(pw), std::string::npos) << store::roleName(role) << " " << path << ": " << r.body;
        }
    }
    auto updated = call("PUT", "/api/apps/" + id, tokens[Role::developer],
                        json{{"git_url", "https://bot:" + pw + "2@git.example.com/o/r.git"}}.dump());
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.body.find(pw), std::string::npos) << updated.body;
    EXPECT_EQ(ctx.apps.find(id)->gitCredential, (UrlCredential{"bot", pw + "2"})) << "the engine still gets them";
    auto raw = store->withDb([](store::Database& db) {
        auto st = db.prepare("SELECT git_url, git_token_enc FROM apps WHERE name = 'priv'");
        st.step();
        auto b = st.getBlob(1);
        return st.getText(0) + std::string(b.begin(), b.end());
    });
    EXPECT_EQ(raw.find(pw), std::string::npos) << "plaintext password in the database";
    EXPECT_EQ(admin("GET", "/api/audit").body.find(pw), std::string::npos);
}

// One git URL rule for POST/PUT /api/apps and the wizard: option-like hosts and users, characters
// outside RFC 3986, and local repositories (off here) are a 400 naming git_url on all three.
TEST_F(ApiRoutes, EachRejectedGitUrlIs400FromEveryRoute) {
    std::string id = createApp("target")["id"];
    for (const std::string bad : {"ssh://-oProxyCommand=touch%20x/a", "ssh://git@-oProxyCommand=x/a",
                                  "https://-oProxyCommand=x/a.git", "https://h/r\xc3\xa9.git", "https://h/a^b",
                                  "file:///etc", "/etc"}) {
        auto create = admin("POST", "/api/apps", json{{"name", "bad"}, {"git_url", bad}, {"port", 1}}.dump());
        auto update = admin("PUT", "/api/apps/" + id, json{{"git_url", bad}}.dump());
        auto detect = admin("POST", "/api/apps/detect", json{{"git_url", bad}}.dump());
        for (const auto* r : {&create, &update, &detect}) {
            EXPECT_EQ(r->status, 400) << bad << ": " << r->body;
            EXPECT_EQ(json::parse(r->body, nullptr, false)["error"]["field"], "git_url") << bad << ": " << r->body;
        }
    }
    EXPECT_EQ(ctx.apps.find(id)->gitUrl, "https://example.com/target.git");
}

// server.dashboard_domain belongs to the dashboard: neither an external route nor an app takes it.
TEST_F(ApiRoutes, TheDashboardDomainIsReservedFromRoutesAndApps) {
    ctx.appRules.dashboardDomain = "dash.example.com";
    std::string id = createApp("web", {"web.example.com"})["id"];
    auto route = admin("POST", "/api/routes", json{{"domain", "DASH.example.com"}, {"upstream", "127.0.0.1:9"}}.dump());
    auto create = admin("POST", "/api/apps",
                        json{{"name", "thief"}, {"git_url", "https://e.com/a.git"}, {"port", 1},
                             {"domains", {"dash.example.com"}}}.dump());
    auto update = call("PUT", "/api/apps/" + id, tokens[Role::developer], json{{"domains", {"dash.example.com"}}}.dump());
    for (const auto& [r, field] : {std::pair{&route, "domain"}, std::pair{&create, "domains"}, std::pair{&update, "domains"}}) {
        EXPECT_EQ(r->status, 409) << r->body;
        EXPECT_EQ(json::parse(r->body, nullptr, false)["error"]["field"], field) << r->body;
    }
    EXPECT_TRUE(ctx.externalRoutes.list().empty());
    EXPECT_EQ(ctx.apps.find(id)->domains, std::vector<std::string>{"web.example.com"});
}

// [server] base_domain: an app created without a domain is reachable at <name>.<base> and says so.
TEST_F(ApiRoutes, AnAppCreatedWithoutADomainGetsOneUnderTheBaseDomain) {
    auto plain = createApp("plain");  // base_domain unset: no domain is made up
    EXPECT_EQ(plain["domains"], json::array());
    EXPECT_TRUE(plain["generated_domain"].is_null());

    ctx.appRules.baseDomain = "203.0.113.7.sslip.io";
    auto shop = createApp("shop");
    EXPECT_EQ(shop["domains"], json::array({"shop.203.0.113.7.sslip.io"}));
    EXPECT_EQ(shop["generated_domain"], "shop.203.0.113.7.sslip.io");
    EXPECT_EQ(ctx.apps.find("shop")->domains, std::vector<std::string>{"shop.203.0.113.7.sslip.io"});  // stored
    auto listed = json::parse(call("GET", "/api/apps", tokens[Role::viewer]).body);
    auto it = std::find_if(listed.begin(), listed.end(), [](const json& a) { return a["name"] == "shop"; });
    ASSERT_NE(it, listed.end());
    EXPECT_EQ((*it)["generated_domain"], "shop.203.0.113.7.sslip.io");

    auto own = createApp("own", {"own.example.com"});  // domains given: none generated
    EXPECT_EQ(own["domains"], json::array({"own.example.com"}));
    EXPECT_TRUE(own["generated_domain"].is_null());

    // Kept while it is among the domains, gone once a PUT replaces them.
    auto kept = json::parse(admin("PUT", "/api/apps/shop",
                                  json{{"domains", {"shop.203.0.113.7.sslip.io", "shop.example.com"}}}.dump()).body);
    EXPECT_EQ(kept["generated_domain"], "shop.203.0.113.7.sslip.io");
    auto replaced = json::parse(admin("PUT", "/api/apps/shop", json{{"domains", {"shop.example.com"}}}.dump()).body);
    EXPECT_EQ(replaced["domains"], json::array({"shop.example.com"}));
    EXPECT_TRUE(replaced["generated_domain"].is_null());
}

TEST_F(ApiRoutes, AGeneratedDomainTakenByAnotherAppIs409NamingItAndWritesNothing) {
    ctx.appRules.baseDomain = "apps.example.com";
    createApp("squatter", {"blog.apps.example.com"});
    auto before = appCount();
    auto r = admin("POST", "/api/apps", json{{"name", "blog"}, {"git_url", "https://e.com/b.git"}, {"port", 1}}.dump());
    EXPECT_EQ(r.status, 409) << r.body;
    auto error = json::parse(r.body, nullptr, false)["error"];
    EXPECT_EQ(error["field"], "domains");
    EXPECT_NE(error["message"].get<std::string>().find("blog.apps.example.com"), std::string::npos) << r.body;
    EXPECT_EQ(appCount(), before);
}

// What the dashboard builds app and webhook URLs from, and its warning about an unreachable public URL.
TEST_F(ApiRoutes, SystemGivesTheProxyPortsAndThePublicUrlWithItsWarning) {
    auto systemInfo = [&] { return json::parse(call("GET", "/api/system", tokens[Role::viewer]).body); };
    auto unset = systemInfo();
    EXPECT_EQ(unset["proxy"], (json{{"http_port", 80}, {"https_port", 443}, {"tls", false}}));
    EXPECT_TRUE(unset["public_url"].is_null());
    EXPECT_NE(unset["public_url_warning"].get<std::string>().find("not set"), std::string::npos) << unset;

    ctx.live.address = {8000, 8443, true, "http://127.0.0.1:8080/", ""};
    auto loopback = systemInfo();
    EXPECT_EQ(loopback["proxy"], (json{{"http_port", 8000}, {"https_port", 8443}, {"tls", true}}));
    EXPECT_EQ(loopback["public_url"], "http://127.0.0.1:8080");
    EXPECT_NE(loopback["public_url_warning"].get<std::string>().find("loopback"), std::string::npos) << loopback;

    ctx.live.address.publicUrl = "https://paas.example.com/";
    auto reachable = systemInfo();
    EXPECT_EQ(reachable["public_url"], "https://paas.example.com");
    EXPECT_TRUE(reachable["public_url_warning"].is_null()) << reachable;
}

// The wizard fetches from this server: a developer learns "cannot reach", not what answered on a port.
TEST_F(ApiRoutes, DetectShowsLowLevelFetchErrorsToAdminsOnly) {
    auto body = json{{"git_url", "http://127.0.0.1:" + std::to_string(test::freePort()) + "/x.git"}}.dump();
    auto dev = call("POST", "/api/apps/detect", tokens[Role::developer], body);
    ASSERT_EQ(dev.status, 400) << dev.body;
    EXPECT_EQ(json::parse(dev.body)["error"]["message"], "cannot reach the repository") << dev.body;
    EXPECT_EQ(json::parse(dev.body)["error"]["field"], "git_url");
    auto adm = admin("POST", "/api/apps/detect", body);
    ASSERT_EQ(adm.status, 400) << adm.body;
    auto detail = json::parse(adm.body)["error"]["message"].get<std::string>();
    EXPECT_NE(detail, "cannot reach the repository");
    EXPECT_NE(detail.find("127.0.0.1"), std::string::npos) << detail;
}

TEST_F(ApiRoutes, EnvSecretsAreMaskedAndKeptWhenRoundTripped) {
    std::string id = createApp("envy")["id"];
    auto put = call("PUT", "/api/apps/" + id + "/env", tokens[Role::developer],
                    json{{"vars", {{{"key", "DB_PASSWORD"}, {"value", "hunter2"}, {"secret", true}},
                                   {{"key", "MODE"}, {"value", "prod"}, {"build_time", true}}}}}.dump());
    ASSERT_EQ(put.status, 200) << put.body;
    auto listed = json::parse(call("GET", "/api/apps/" + id + "/env", tokens[Role::viewer]).body);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0]["key"], "DB_PASSWORD");
    EXPECT_EQ(listed[0]["value"], "********");
    EXPECT_EQ(listed[1]["value"], "prod");
    EXPECT_EQ(listed[1]["build_time"], true);

    // The masked list sent back unchanged must not overwrite the secret with the mask.
    auto again = call("PUT", "/api/apps/" + id + "/env", tokens[Role::developer], json{{"vars", listed}}.dump());
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(ctx.env.list(id)[0].value, "hunter2");

    EXPECT_EQ(call("PUT", "/api/apps/" + id + "/env", tokens[Role::developer],
                   json{{"vars", {{{"key", "1BAD"}, {"value", "x"}}}}}.dump())
                  .status,
              400);
    EXPECT_EQ(call("DELETE", "/api/apps/" + id + "/env/MODE", tokens[Role::developer]).status, 204);
    EXPECT_EQ(call("DELETE", "/api/apps/" + id + "/env/MODE", tokens[Role::developer]).status, 404);
    EXPECT_EQ(ctx.env.list(id).size(), 1u);
}

// Save-and-redeploy is one atomic call: bad variables or a refused redeploy store nothing and
// start nothing; an accepted one stores them and queues a redeploy of the live image, audited.
TEST_F(ApiRoutes, EnvSaveAndRedeployIsAtomicAndAudited) {
    std::string id = createApp("rel")["id"];
    ctx.env.set(id, {"MODE", "old"});
    const auto dev = tokens[Role::developer];
    auto envPut = [&](const std::string& query, const json& vars) {
        return call("PUT", "/api/apps/" + id + "/env" + query, dev, json{{"vars", vars}}.dump());
    };
    auto deploymentCount = [&] { return ctx.deployments.listForApp(id, 100).size(); };
    const json changed = {{{"key", "MODE"}, {"value", "new"}}};

    auto nothingLive = envPut("?redeploy=true", changed);
    EXPECT_EQ(nothingLive.status, 409) << nothingLive.body;
    EXPECT_EQ(json::parse(nothingLive.body)["error"]["code"], "no_live_deployment");
    EXPECT_EQ(ctx.env.list(id)[0].value, "old") << "a refused redeploy stored the variables";
    EXPECT_EQ(call("POST", "/api/apps/" + id + "/redeploy", dev).status, 409);

    store::DeploymentRecord live;
    live.id = "dep_live";
    live.appId = id;
    live.image = "rivetr/rel:live";
    live.commitSha = std::string(40, 'a');
    ctx.deployments.create(live);
    ctx.deployments.transition(live.id, "running");
    ctx.deployments.setEnvDigest(live.id, ctx.env.digest(id, ctx.env.list(id)));
    appState.setLive(id, live.id);
    EXPECT_EQ(json::parse(call("GET", "/api/apps/rel", tokens[Role::viewer]).body)["env_pending"], false);

    auto audits = auditCount();
    auto bad = envPut("?redeploy=true", {{{"key", "MODE"}, {"value", "new"}}, {{"key", "1BAD"}, {"value", "x"}}});
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(envPut("?redeploy=maybe", changed).status, 400);
    EXPECT_EQ(ctx.env.list(id)[0].value, "old");
    EXPECT_EQ(deploymentCount(), 1u) << "bad variables started a deployment";
    EXPECT_EQ(auditCount(), audits);

    auto ok = envPut("?redeploy=true", changed);
    ASSERT_EQ(ok.status, 202) << ok.body;
    auto body = json::parse(ok.body);
    EXPECT_EQ(body["vars"][0]["value"], "new");
    auto dep = ctx.deployments.get(body["deployment_id"]);
    ASSERT_TRUE(dep);
    EXPECT_EQ(dep->trigger, "redeploy");
    EXPECT_EQ(dep->rollbackOf, live.id);
    EXPECT_EQ(dep->image, live.image);
    EXPECT_EQ(dep->commitSha, live.commitSha);
    EXPECT_EQ(ctx.env.list(id)[0].value, "new");
    auto audit = json::parse(admin("GET", "/api/audit").body);
    std::set<std::string> actions{audit[0]["action"], audit[1]["action"]};
    EXPECT_EQ(actions, (std::set<std::string>{"env.replace", "deployment.redeploy"}));

    // Saved without a redeploy (and the live deployment still the one above): the app says so.
    ASSERT_EQ(envPut("", {{{"key", "MODE"}, {"value", "newer"}}}).status, 200);
    EXPECT_EQ(json::parse(call("GET", "/api/apps/rel", tokens[Role::viewer]).body)["env_pending"], true);
    auto redeploy = call("POST", "/api/apps/" + id + "/redeploy", dev);
    ASSERT_EQ(redeploy.status, 202) << redeploy.body;
    EXPECT_EQ(ctx.deployments.get(json::parse(redeploy.body)["deployment_id"])->trigger, "redeploy");
    EXPECT_EQ(call("POST", "/api/apps/" + id + "/redeploy", dev, json{{"commit", "x"}}.dump()).status, 400);
}

TEST_F(ApiRoutes, TokensAreShownOnceAndCanBeRevoked) {
    auto r = admin("POST", "/api/tokens", json{{"name", "deploy bot"}, {"role", "developer"}, {"expires_in_days", 30}}.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    auto created = json::parse(r.body);
    std::string token = created["token"];
    EXPECT_EQ(call("POST", "/api/apps", token, json{{"name", "bot-app"}, {"git_url", "https://e.com/a.git"}, {"port", 8080}}.dump()).status, 201);
    auto list = admin("GET", "/api/tokens").body;
    EXPECT_EQ(list.find(token), std::string::npos) << "the token was shown again";
    EXPECT_EQ(admin("DELETE", "/api/tokens/" + created["id"].get<std::string>()).status, 204);
    EXPECT_EQ(call("GET", "/api/apps", token).status, 401);
    EXPECT_EQ(admin("POST", "/api/tokens", json{{"name", "x"}, {"role", "root"}}.dump()).status, 400);
}

// GET /api/apps is answered from a cache: every kind of app change must show in the next list,
// and a viewer's cached list never carries the secrets a developer's does.
TEST_F(ApiRoutes, AppListFollowsEveryChange) {
    auto app = createApp("listed");
    std::string id = app["id"];
    auto list = [&](Role r) { return json::parse(call("GET", "/api/apps", tokens[r]).body); };
    ASSERT_EQ(list(Role::developer).size(), 1u);
    EXPECT_EQ(admin("PUT", "/api/apps/" + id, json{{"branch", "release"}}.dump()).status, 200);
    EXPECT_EQ(list(Role::developer)[0]["branch"], "release");
    appState.setLive(id, "dep_live");  // the engine's write, not the API's
    EXPECT_EQ(list(Role::developer)[0]["live_deployment_id"], "dep_live");
    EXPECT_TRUE(list(Role::developer)[0].contains("webhook_secret"));
    EXPECT_FALSE(list(Role::viewer)[0].contains("webhook_secret")) << "the viewer got the developer's cached list";
    EXPECT_EQ(admin("DELETE", "/api/apps/" + id).status, 204);
    EXPECT_TRUE(list(Role::developer).empty());
}

// Browsers and the CLI ask for gzip: they get the same list, compressed, and it follows changes too.
TEST_F(ApiRoutes, AppListIsGzippedForClientsThatAskAndFollowsChanges) {
    for (int i = 0; i < 50; ++i) createApp("zipped-" + std::to_string(i));
    auto fetch = [&](const std::string& acceptEncoding) {
        test::HttpRequest req;
        req.url = "http://127.0.0.1:" + std::to_string(port) + "/api/apps";
        req.headers = {"Authorization: Bearer " + tokens[Role::developer], "Accept-Encoding: " + acceptEncoding};
        return test::http(req);
    };
    auto plain = fetch("identity");
    auto zipped = fetch("gzip, deflate, br");
    ASSERT_EQ(zipped.status, 200);
    EXPECT_EQ(zipped.headers["content-encoding"], "gzip");
    EXPECT_EQ(zipped.headers["vary"], "Accept-Encoding");
    EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
    EXPECT_LT(zipped.body.size() * 4, plain.body.size());
    EXPECT_EQ(test::gunzip(zipped.body), plain.body);

    std::string first = json::parse(plain.body)[0]["id"];
    EXPECT_EQ(admin("PUT", "/api/apps/" + first, json{{"branch", "hotfix"}}.dump()).status, 200);
    auto after = json::parse(test::gunzip(fetch("gzip").body));
    EXPECT_EQ(after[0]["branch"], "hotfix") << "the gzipped list is stale after a change";
    EXPECT_EQ(json::parse(test::gunzip(fetch("gzip;q=1").body)), json::parse(fetch("").body));
}

// The dashboard reads every app's status and the recent activity in two requests, not one per app.
TEST_F(ApiRoutes, DeploymentsAcrossAppsInOneRequest) {
    std::vector<std::string> ids;
    for (const char* name : {"alpha", "beta", "gamma"}) ids.push_back(createApp(name)["id"]);
    auto add = [&](const std::string& id, const std::string& appId, const std::string& status) {
        store::DeploymentRecord d;
        d.id = id;
        d.appId = appId;
        ctx.deployments.create(d);
        if (status != "pending") ctx.deployments.transition(id, status);
    };
    add("dep_a1", ids[0], "failed");
    add("dep_a2", ids[0], "running");
    add("dep_b1", ids[1], "building");  // gamma never deployed

    auto latest = call("GET", "/api/deployments?latest_per_app=1", tokens[Role::viewer]);
    ASSERT_EQ(latest.status, 200) << latest.body;
    std::map<std::string, std::string> statusByApp;
    auto latestBody = json::parse(latest.body);  // kept alive: a range-for over a temporary's member dangles
    for (const auto& d : latestBody["deployments"]) statusByApp[d["app_id"]] = d["status"];
    EXPECT_EQ(statusByApp, (std::map<std::string, std::string>{{ids[0], "running"}, {ids[1], "building"}}))
        << latest.body;

    auto recent = json::parse(call("GET", "/api/deployments?limit=2", tokens[Role::viewer]).body)["deployments"];
    ASSERT_EQ(recent.size(), 2u);
    EXPECT_EQ(recent[0]["id"], "dep_b1");
    EXPECT_EQ(recent[1]["id"], "dep_a2");
    EXPECT_EQ(json::parse(call("GET", "/api/deployments", tokens[Role::viewer]).body)["deployments"].size(), 3u);

    for (const char* bad : {"?limit=0", "?limit=201", "?limit=ten", "?latest_per_app=yes"}) {
        auto r = call("GET", std::string("/api/deployments") + bad, tokens[Role::viewer]);
        EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    }
}

// The published document and the served routes never drift apart: every registered route is
// documented (with its security) and nothing documented is missing from the server.
TEST_F(ApiRoutes, OpenApiMatchesRegisteredRoutes) {
    auto r = call("GET", "/api/openapi.json", "");
    ASSERT_EQ(r.status, 200) << r.body;
    auto doc = json::parse(r.body);
    std::set<std::string> served, documented;
    for (const auto& route : routes) served.insert(methodOf(route.method) + " " + openApiPath(route.path));
    for (const auto& [path, ops] : doc["paths"].items()) {
        for (const auto& [method, op] : ops.items()) {
            std::string upper = method;
            for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            documented.insert(upper + " " + path);
            EXPECT_FALSE(op.value("summary", "").empty()) << upper << " " << path << " has no summary";
        }
    }
    for (const auto& s : served) EXPECT_TRUE(documented.count(s)) << s << " is served without a summary in its RouteDoc";
    for (const auto& d : documented) EXPECT_TRUE(served.count(d)) << d << " is documented but not served";
    for (const auto& route : routes) {
        std::string lower = methodOf(route.method);
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto path = openApiPath(route.path);
        if (!doc["paths"].contains(path) || !doc["paths"][path].contains(lower)) continue;  // reported above
        const auto& op = doc["paths"][path][lower];
        EXPECT_EQ(op.value("x-rivetr-min-role", ""), route.minRole ? store::roleName(*route.minRole) : "")
            << route.path << ": the document states another role than the route table";
    }
}

// Every body the dashboard reads is what components/schemas says, field for field (no field
// missing, none undocumented, types, enums, date-times): the TypeScript types generated from the
// document (frontend_api_types) are therefore the server's real answers.
TEST_F(ApiRoutes, ResponsesMatchTheirSchemas) {
    auto doc = json::parse(call("GET", "/api/openapi.json", "").body);
    const auto viewer = tokens[Role::viewer], dev = tokens[Role::developer];
    auto check = [&](const std::string& method, const std::string& path, const std::string& url, const std::string& token,
                     const json& body = nullptr) {
        auto r = call(method, url, token, body.is_null() ? "" : body.dump());
        expectDocumented(doc, method, path, r);
        return r.body.empty() ? json() : json::parse(r.body, nullptr, false);
    };
    auto app = check("POST", "/api/apps", "/api/apps", kAdminToken,
                     {{"name", "shop"}, {"git_url", "https://example.com/shop.git"}, {"port", 3000}, {"domains", {"shop.example.com"}}});
    const std::string id = app["id"], at = "/api/apps/" + app["id"].get<std::string>();
    check("GET", "/api/apps", "/api/apps", viewer);
    check("GET", "/api/apps/{id}", "/api/apps/shop", dev);
    check("GET", "/api/apps/{id}", "/api/apps/shop", viewer);
    check("PUT", "/api/apps/{id}", at, dev, {{"resources", {{"memory_limit_bytes", 268435456}}}, {"deadlines", {{"build_ms", 60000}}}});
    check("PUT", "/api/apps/{id}/env", at + "/env", dev, {{"vars", {{{"key", "API_KEY"}, {"value", "s3cret"}, {"secret", true}}}}});
    check("GET", "/api/apps/{id}/env", at + "/env", dev);
    check("GET", "/api/apps/{id}/certificates", at + "/certificates", viewer);
    check("POST", "/api/apps/{id}/deploy", at + "/deploy", dev, json::object());
    check("POST", "/api/apps/{id}/restart", at + "/restart", dev, json::object());  // nothing live: the Error shape
    check("POST", "/api/apps/{id}/redeploy", at + "/redeploy", dev);  // nothing live: the Error shape

    store::DeploymentRecord d;
    d.id = "dep_schema";
    d.appId = id;
    d.commitSha = "0123456789abcdef0123456789abcdef01234567";
    ctx.deployments.create(d);
    ctx.deployments.transition(d.id, "failed");
    check("GET", "/api/apps/{id}/deployments", at + "/deployments", viewer);
    ctx.live.address.selfUrl = "http://127.0.0.1:" + std::to_string(port);  // the test ping comes back here
    auto ping = check("POST", "/api/apps/{id}/webhooks/test", at + "/webhooks/test", dev);
    EXPECT_EQ(ping["ok"], true) << ping.dump();
    auto history = check("GET", "/api/apps/{id}/webhooks/deliveries", at + "/webhooks/deliveries", viewer);
    EXPECT_EQ(history["deliveries"].size(), 1u) << history.dump();
    check("GET", "/api/deployments", "/api/deployments?latest_per_app=1", viewer);
    check("GET", "/api/deployments", "/api/deployments?limit=5", viewer);
    check("GET", "/api/deployments/{id}", "/api/deployments/dep_schema", viewer);
    check("GET", "/api/deployments/{id}/logs", "/api/deployments/dep_schema/logs", viewer);
    ctx.deployments.create([&] {
        store::DeploymentRecord live;
        live.id = "dep_schema_live";
        live.appId = id;
        live.image = "rivetr/shop:live";
        return live;
    }());
    appState.setLive(id, "dep_schema_live");
    check("PUT", "/api/apps/{id}/env", at + "/env?redeploy=true", dev, {{"vars", {{{"key", "API_KEY"}, {"value", "v2"}}}}});
    check("GET", "/api/apps/{id}", "/api/apps/shop", viewer);  // env_pending

    check("GET", "/api/system", "/api/system", viewer);
    check("GET", "/api/auth/me", "/api/auth/me", viewer);
    check("POST", "/api/tokens", "/api/tokens", kAdminToken, {{"name", "ci"}, {"role", "viewer"}});
    check("GET", "/api/tokens", "/api/tokens", kAdminToken);
    auto user = check("POST", "/api/users", "/api/users", kAdminToken,
                      {{"username", "ada"}, {"password", "correct horse battery staple"}, {"role", "viewer"}});
    check("PUT", "/api/users/{id}", "/api/users/" + user["id"].get<std::string>(), kAdminToken, {{"role", "developer"}});
    check("GET", "/api/users", "/api/users", kAdminToken);
    check("POST", "/api/auth/login", "/api/auth/login", "", {{"username", "ada"}, {"password", "correct horse battery staple"}});
    check("POST", "/api/routes", "/api/routes", kAdminToken, {{"domain", "legacy.example.com"}, {"upstream", "10.0.0.5:3000"}});
    check("GET", "/api/routes", "/api/routes", kAdminToken);
    check("GET", "/api/audit", "/api/audit", kAdminToken);
    check("POST", "/api/apps", "/api/apps", kAdminToken, {{"name", "Not A Name"}, {"git_url", "https://example.com/x.git"}, {"port", 1}});
}

}  // namespace
}  // namespace rivetr::api
