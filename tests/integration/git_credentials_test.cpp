// A private repository behind HTTPS basic auth, its credentials given in git_url as users do: the
// deploy works, and no answer, log, stream, database file or server log ever shows the password.
#include <gtest/gtest.h>

#include "api/http/sse_test_reader.hpp"
#include "core/git/git_http_test_server.hpp"
#include "tests/integration/serve_fixture.hpp"

namespace rivetr::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "pw-Hx7q-never-shown";

class GitCredentials : public ServeFixture {
protected:
    GitCredentials() : ServeFixture("privapp") {}

    // "http://127.0.0.1:port/repo" → "http://deploy:<password>@127.0.0.1:port/repo"
    static std::string withCredentials(const std::string& url) {
        return "http://deploy:" + std::string(kPassword) + "@" + url.substr(std::string("http://").size());
    }
    // Every byte of the database files (WAL included), as a thief with a copy would read them.
    std::string databaseBytes() {
        std::string all;
        for (const char* name : {"rivetr.db", "rivetr.db-wal"}) {
            auto p = dir.path() / "data" / name;
            if (std::filesystem::exists(p)) all += readFile(p);
        }
        return all;
    }
    std::string serveLog() { return served.output(); }
    HttpResponse asViewer(const std::string& path) {
        auto t = call("POST", "/api/tokens", {{"name", "viewer"}, {"role", "viewer"}});
        HttpRequest req;
        req.url = api(path);
        req.headers = {"Authorization: Bearer " + json::parse(t.body)["token"].get<std::string>()};
        return http(req);
    }
    void createFrom(const std::string& gitUrl) {
        auto r = call("POST", "/api/apps",
                      {{"name", "privapp"}, {"git_url", gitUrl}, {"port", 8000}, {"build_type", "dockerfile"},
                       {"domains", {"privapp.test"}},
                       {"healthcheck", {{"path", "/health"}, {"interval_ms", 200}, {"retries", 20}}}});
        ASSERT_EQ(r.status, 201) << r.body;
        EXPECT_EQ(r.body.find(kPassword), std::string::npos) << r.body;
        EXPECT_EQ(json::parse(r.body)["has_git_credentials"], true) << r.body;
        appId = json::parse(r.body)["id"];
    }
};

TEST_F(GitCredentials, DeployWorksAndThePasswordNeverShows) {
    commitVersion("v1");
    git::test::GitHttpServerOptions o;
    o.projectRoot = dir.path();
    o.user = "deploy";
    o.token = kPassword;
    git::test::GitHttpServer gitServer(o);
    createFrom(withCredentials(gitServer.url("repo")));

    auto list = asViewer("/api/apps");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.body.find(kPassword), std::string::npos) << list.body;
    EXPECT_EQ(json::parse(list.body)[0]["git_url"], gitServer.url("repo"));
    EXPECT_EQ(databaseBytes().find(kPassword), std::string::npos) << "a plaintext password in the database";

    // The credential reaches libgit2's credential callback: the server demands it for every request.
    auto ok = waitStatus(deploy(), terminal, 240s);
    EXPECT_EQ(ok["status"], "running") << ok.dump();
    EXPECT_EQ(viaProxy("/").status, 200);

    // A failing fetch quotes the URL in its error: with the credential in it, before the split.
    auto closed = "http://127.0.0.1:" + std::to_string(freePort()) + "/repo";
    auto moved = call("PUT", "/api/apps/" + appId, {{"git_url", withCredentials(closed)}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.body.find(kPassword), std::string::npos) << moved.body;
    auto depId = deploy();
    auto failed = waitStatus(depId, terminal);
    EXPECT_EQ(failed["status"], "failed") << failed.dump();
    EXPECT_EQ(failed.dump().find(kPassword), std::string::npos) << failed.dump();
    EXPECT_NE(failed.dump().find("127.0.0.1"), std::string::npos) << "the error still names the server";
    auto logs = call("GET", "/api/deployments/" + depId + "/logs");
    EXPECT_NE(logs.body.find("fetching"), std::string::npos) << logs.body;
    EXPECT_EQ(logs.body.find(kPassword), std::string::npos) << logs.body;
    SseReader stream(api("/api/deployments/" + depId + "/logs/stream"), auth());
    ASSERT_TRUE(stream.waitFor("event: end", 20s)) << stream.text();
    EXPECT_EQ(stream.text().find(kPassword), std::string::npos) << stream.text();
    EXPECT_EQ(databaseBytes().find(kPassword), std::string::npos);

    stop(SIGTERM);
    EXPECT_EQ(serveLog().find(kPassword), std::string::npos) << serveLog();
}

// The configuration reaches the rules: local repositories off, the dashboard's domain reserved.
class GitUrlRules : public ServeFixture {
protected:
    GitUrlRules() : ServeFixture("rules") {
        extraEnv = {{"RIVETR_GIT_ALLOW_LOCAL_REPOSITORIES", "false"}, {"RIVETR_SERVER_DASHBOARD_DOMAIN", "dash.test"}};
    }
    HttpResponse as(const std::string& role, const std::string& method, const std::string& path, const json& body) {
        auto t = call("POST", "/api/tokens", {{"name", role}, {"role", role}});
        HttpRequest req;
        req.method = method;
        req.url = api(path);
        req.headers = {"Authorization: Bearer " + json::parse(t.body)["token"].get<std::string>(),
                       "Content-Type: application/json"};
        req.body = body.dump();
        return http(req);
    }
    static std::string field(const HttpResponse& r) {
        auto j = json::parse(r.body, nullptr, false);
        return j.is_object() && j["error"].is_object() ? j["error"].value("field", "") : "";
    }
};

TEST_F(GitUrlRules, BadGitUrlsTheDashboardDomainAndProbingDetectAreRefused) {
    auto created = call("POST", "/api/apps", {{"name", "rules"}, {"git_url", "https://e.test/a.git"}, {"port", 80}});
    ASSERT_EQ(created.status, 201) << created.body;
    int n = 0;
    for (const std::string bad : {"ssh://-oProxyCommand=touch%20x/a", "ssh://git@-oProxyCommand=x/a",
                                  "https://-oProxyCommand=x/a.git", "https://h/r\xc3\xa9.git", "file:///etc"}) {
        auto create = call("POST", "/api/apps", {{"name", "bad" + std::to_string(++n)}, {"git_url", bad}, {"port", 1}});
        auto update = call("PUT", "/api/apps/rules", {{"git_url", bad}});
        auto detect = call("POST", "/api/apps/detect", {{"git_url", bad}});
        for (const auto* r : {&create, &update, &detect}) {
            EXPECT_EQ(r->status, 400) << bad << ": " << r->body;
            EXPECT_EQ(field(*r), "git_url") << bad << ": " << r->body;
        }
    }
    auto app = call("PUT", "/api/apps/rules", {{"domains", {"dash.test"}}});
    EXPECT_EQ(app.status, 409) << app.body;
    EXPECT_EQ(field(app), "domains");
    // Had the app taken it, the route's 409 would be an ordinary domain conflict: give it back first.
    call("PUT", "/api/apps/rules", {{"domains", json::array()}});
    auto route = call("POST", "/api/routes", {{"domain", "dash.test"}, {"upstream", "127.0.0.1:9"}});
    EXPECT_EQ(route.status, 409) << route.body;
    EXPECT_EQ(field(route), "domain");

    json probe{{"git_url", "http://127.0.0.1:" + std::to_string(freePort()) + "/x.git"}};
    auto dev = as("developer", "POST", "/api/apps/detect", probe);
    EXPECT_EQ(dev.status, 400);
    EXPECT_NE(dev.body.find("\"cannot reach the repository\""), std::string::npos) << dev.body;
    auto admin = call("POST", "/api/apps/detect", probe);
    EXPECT_NE(admin.body.find("127.0.0.1"), std::string::npos) << admin.body;
}

}  // namespace
}  // namespace rivetr::test
