// The dashboard's terminal through the whole binary: a real WebSocket on the API's address and through the
// proxy's dashboard domain, with the session cookie; every refusal; teardown of dropped sessions; the audit.
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "runtime/naming.hpp"
#include "terminal/testing/ws_terminal_client.hpp"
#include "tests/integration/serve_fixture.hpp"

namespace rivetr::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;
using terminal::testing::WsTerminalClient;

class Terminal : public ServeFixture {
protected:
    Terminal() : ServeFixture("terminal") {}

    void SetUp() override {
        ServeFixture::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        appId = newId("app");  // ServeFixture's TearDown removes everything labelled with it
        container = runBusybox();
        ASSERT_EQ(call("POST", "/api/users", {{"username", "term-admin"}, {"password", "term-admin-pass"}, {"role", "admin"}}).status, 201);
        ASSERT_EQ(call("POST", "/api/users", {{"username", "term-dev"}, {"password", "term-dev-pass"}, {"role", "developer"}}).status, 201);
        adminCookie = login("term-admin", "term-admin-pass");
        devCookie = login("term-dev", "term-dev-pass");
    }

    // A FROM-scratch container with busybox's applets (sh, stty, ps, sleep …) that keeps running.
    std::string runBusybox() {
        TempDir ctx{"rivetr-term-image"};
        std::filesystem::copy_file("/bin/busybox", ctx.path() / "busybox");
        writeFile(ctx.path() / "Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\n"
                                             "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
                                             "CMD [\"/bin/sleep\", \"3600\"]\n");
        runtime::BuildRequest b;
        b.contextDir = ctx.path();
        b.tags = {runtime::imageRef(appId, "term")};
        b.labels = runtime::rivetrLabels(appId, "term");
        rt->build(b);
        runtime::ContainerSpec s;
        s.name = runtime::containerName(appId, "term");
        s.image = b.tags[0];
        s.labels = b.labels;
        s.init = true;
        return rt->runContainer(s);
    }

    std::string login(const std::string& user, const std::string& password) {
        HttpRequest req;
        req.method = "POST";
        req.url = api("/api/auth/login");
        req.headers = {"Content-Type: application/json"};
        req.body = json{{"username", user}, {"password", password}}.dump();
        auto r = http(req);
        EXPECT_EQ(r.status, 200) << r.body;
        auto cookie = r.headers["set-cookie"];
        return cookie.substr(0, cookie.find(';'));
    }

    std::string origin() const { return "http://127.0.0.1:" + std::to_string(apiPort); }
    std::string target(const std::string& query = "") const {
        return "/api/containers/" + container + "/terminal" + (query.empty() ? "" : "?" + query);
    }
    // Opens a terminal on the API's address; the answer's status (101 = open).
    int open(WsTerminalClient& c, const std::map<std::string, std::string>& headers, const std::string& query = "",
             std::string* body = nullptr) {
        return c.open(static_cast<std::uint16_t>(apiPort), target(query), headers, body);
    }
    std::map<std::string, std::string> asAdmin() const { return {{"Cookie", adminCookie}, {"Origin", origin()}}; }

    std::vector<json> auditOf(const std::string& action) {
        std::vector<json> out;
        for (const auto& e : json::parse(call("GET", "/api/audit?limit=1000").body))
            if (e["action"] == action) out.push_back(e);
        return out;
    }
    bool shellsRunning() {
        auto ps = rt->exec(container, {"/bin/ps"}).stdoutText;
        return ps.find("/bin/ash") != std::string::npos || ps.find("sleep 5") != std::string::npos;
    }

    std::string container, adminCookie, devCookie;
};

TEST_F(Terminal, AnAdminsCommandComesBackAtTheBrowsersSizeAndTheSessionIsAudited) {
    WsTerminalClient c;
    ASSERT_EQ(open(c, asAdmin()), 101);
    c.resize(101, 33);
    c.type("stty size; echo he''llo\r");
    EXPECT_TRUE(c.readUntil("33 101", 10s)) << c.output();
    EXPECT_TRUE(c.readUntil("hello", 10s)) << c.output();
    c.close();
    std::vector<json> closes;
    for (int i = 0; i < 100 && closes.empty(); ++i, std::this_thread::sleep_for(100ms)) closes = auditOf("container.terminal_close");
    ASSERT_EQ(closes.size(), 1u);
    auto opens = auditOf("container.terminal_open");
    ASSERT_EQ(opens.size(), 1u);
    const auto& d = closes[0]["details"];
    EXPECT_EQ(closes[0]["actor"], "term-admin");
    EXPECT_EQ(closes[0]["target_id"], container);
    EXPECT_EQ(d["shell"], "/bin/ash");
    EXPECT_EQ(d["host"], "local");
    EXPECT_EQ(d["reason"], "client closed");
    EXPECT_GT(d["bytes_in"].get<int>(), 20);
    EXPECT_GT(d["bytes_out"].get<int>(), 20);
    EXPECT_GE(d["ended_at_ms"].get<std::int64_t>(), d["started_at_ms"].get<std::int64_t>());
    EXPECT_FALSE(rt->inspectExec(d["exec_id"].get<std::string>()).running);
}

TEST_F(Terminal, EveryRefusalIsAnHttpAnswerAndNoShellStarts) {
    auto status = [&](const std::map<std::string, std::string>& headers, const std::string& query = "") {
        WsTerminalClient c;
        std::string body;
        int s = open(c, headers, query, &body);
        return std::pair{s, body.empty() ? json() : json::parse(body, nullptr, false)};
    };
    auto withToken = asAdmin();
    withToken["Authorization"] = std::string("Bearer ") + kToken;
    withToken.erase("Cookie");
    EXPECT_EQ(status(withToken).first, 401) << "an API token is no terminal session";
    EXPECT_EQ(status(asAdmin(), std::string("token=") + kToken).first, 400) << "?token= is refused";
    EXPECT_EQ(status(asAdmin(), std::string("token=") + kToken).second["error"]["code"], "token_in_url");
    EXPECT_EQ(status({{"Cookie", adminCookie}, {"Origin", "http://evil.example"}}).first, 403) << "cross-site";
    EXPECT_EQ(status({{"Cookie", adminCookie}, {"Origin", "http://127.0.0.1:1"}}).first, 403) << "another port";
    EXPECT_EQ(status({{"Cookie", adminCookie}}).first, 403) << "no Origin";
    EXPECT_EQ(status({{"Cookie", devCookie}, {"Origin", origin()}}).first, 403) << "a developer";
    EXPECT_EQ(status({{"Origin", origin()}}).first, 401) << "nobody";
    auto badShell = status(asAdmin(), "shell=/bin/zsh");
    EXPECT_EQ(badShell.first, 400);
    EXPECT_EQ(badShell.second["error"]["field"], "shell");
    EXPECT_EQ(status(asAdmin(), "user=root;id").second["error"]["field"], "user");
    EXPECT_EQ(status(asAdmin(), "user=nobody-here").second["error"]["field"], "user") << "no such user in the container";
    EXPECT_EQ(status(asAdmin(), "host=elsewhere").first, 404);
    WsTerminalClient unknown;
    EXPECT_EQ(unknown.open(static_cast<std::uint16_t>(apiPort), "/api/containers/no-such-container/terminal", asAdmin()), 404);

    HttpRequest plain;  // the right cookie and origin, but no WebSocket
    plain.url = api(target());
    plain.headers = {"Cookie: " + adminCookie, "Origin: " + origin()};
    EXPECT_EQ(http(plain).status, 426);
    EXPECT_FALSE(shellsRunning());
    EXPECT_TRUE(auditOf("container.terminal_open").empty());

    rt->stopContainer(container, 2s);
    EXPECT_EQ(status(asAdmin()).first, 409) << "the container is not running";
}

TEST_F(Terminal, TheSwitchTurnsItOffForEveryone) {
    stop(SIGTERM);
    extraEnv["RIVETR_DOCKER_TERMINAL_ENABLED"] = "false";
    start();
    adminCookie = login("term-admin", "term-admin-pass");
    WsTerminalClient c;
    std::string body;
    EXPECT_EQ(open(c, asAdmin(), "", &body), 403);
    EXPECT_EQ(json::parse(body)["error"]["code"], "terminal_disabled");
}

TEST_F(Terminal, TenSessionsOpenedAndDroppedLeaveNoProcessBehind) {
    stop(SIGTERM);
    extraEnv["RIVETR_DOCKER_TERMINAL_MAX_SESSIONS_PER_USER"] = "10";
    start();
    adminCookie = login("term-admin", "term-admin-pass");
    std::vector<std::unique_ptr<WsTerminalClient>> clients;
    for (int i = 0; i < 10; ++i) {
        auto c = std::make_unique<WsTerminalClient>();
        ASSERT_EQ(open(*c, asAdmin()), 101) << i;
        c->resize(80, 24);
        c->type("sleep 5" + std::to_string(i) + "0 & echo sta''rted\r");
        ASSERT_TRUE(c->readUntil("started", 10s)) << c->output();
        clients.push_back(std::move(c));
    }
    WsTerminalClient eleventh;
    EXPECT_EQ(open(eleventh, asAdmin()), 429) << "the per-user limit";
    ASSERT_TRUE(shellsRunning());
    auto dropped = std::chrono::steady_clock::now();
    for (auto& c : clients) c->dropConnection();
    while (shellsRunning() && std::chrono::steady_clock::now() - dropped < 30s) std::this_thread::sleep_for(250ms);
    EXPECT_FALSE(shellsRunning()) << rt->exec(container, {"/bin/ps"}).stdoutText;
    std::cout << "10 dropped sessions: every shell gone after "
              << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - dropped).count() << " ms\n";
    std::vector<json> closes;
    for (int i = 0; i < 100 && closes.size() < 10; ++i, std::this_thread::sleep_for(100ms)) closes = auditOf("container.terminal_close");
    ASSERT_EQ(closes.size(), 10u);
    for (const auto& e : closes) EXPECT_FALSE(rt->inspectExec(e["details"]["exec_id"].get<std::string>()).running) << e;
}

// With a dashboard domain the browser is on the proxy's address: the proxy forwards the upgrade to the API
// and tunnels it, so the same endpoint, cookie and Origin rule work there too.
TEST_F(Terminal, ThroughTheDashboardDomainOnTheProxy) {
    stop(SIGTERM);
    extraEnv["RIVETR_SERVER_DASHBOARD_DOMAIN"] = "dash.rivetr.test";
    start();
    adminCookie = login("term-admin", "term-admin-pass");
    WsTerminalClient c;
    ASSERT_EQ(c.open(static_cast<std::uint16_t>(proxyPort), target(),
                     {{"Host", "dash.rivetr.test"}, {"Cookie", adminCookie}, {"Origin", "http://dash.rivetr.test"}}),
              101);
    c.resize(80, 24);
    c.type("echo via''proxy\r");
    EXPECT_TRUE(c.readUntil("viaproxy", 10s)) << c.output();
    WsTerminalClient crossSite;
    EXPECT_EQ(crossSite.open(static_cast<std::uint16_t>(proxyPort), target(),
                             {{"Host", "dash.rivetr.test"}, {"Cookie", adminCookie}, {"Origin", "http://evil.example"}}),
              403);
}

}  // namespace
}  // namespace rivetr::test
