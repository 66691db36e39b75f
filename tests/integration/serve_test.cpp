// `rivetr serve` as a user runs it: first start, health, the admin token shown once, clean SIGTERM, refusals,
// and whose X-Forwarded-For the login limiter believes (only what came through our own proxy).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/stat.h>

#include <thread>

#include "core/subprocess.hpp"
#include "store/database.hpp"
#include "tests/integration/serve_process.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;

struct ServerDir {
    test::TempDir dir{"rivetr-serve"};
};

// A server in a directory of its own with built-in defaults (no admin token configured).
struct Server : ServerDir, test::ServeProcess {
    Server() : ServeProcess(dir.path()) {}
};

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

TEST(Serve, FirstStartServesHealthAndShowsTheAdminTokenOnce) {
    RIVETR_REQUIRE_DOCKER();
    Server s;
    s.spawn();
    ASSERT_TRUE(test::waitForHttp(s.url("/health"))) << s.output();
    auto health = nlohmann::json::parse(test::httpGet(s.url("/health")).body);
    EXPECT_EQ(health["status"], "ok");
    EXPECT_EQ(health["db"], "ok");
    EXPECT_EQ(health["runtime"], "ok");

    auto tokenPath = s.dir.path() / "data" / "admin_token";
    auto token = test::readFile(tokenPath);
    token.erase(token.find_last_not_of("\n") + 1);
    struct stat st {};
    ::stat(tokenPath.c_str(), &st);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    ::stat((s.dir.path() / "data" / "secret.key").c_str(), &st);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    std::this_thread::sleep_for(1s);
    std::cout << "[figure] idle RSS of rivetr serve: " << test::rssKb(s.process->pid()) << " kB\n";

    EXPECT_EQ(s.stop(), 0) << s.output();
    EXPECT_EQ(count(s.output(), token), 1u) << "the token must be printed exactly once and never logged";

    s.spawn();
    ASSERT_TRUE(test::waitForHttp(s.url("/health"))) << s.output();
    EXPECT_EQ(s.stop(SIGINT), 0);
    EXPECT_EQ(count(s.output(), token), 0u) << "a restart printed the token again";
}

TEST(Serve, IdleMemoryStaysSmall) {
    Server s;
    s.spawn();
    ASSERT_TRUE(test::waitForHttp(s.url("/health"))) << s.output();
    std::this_thread::sleep_for(500ms);
    auto kb = test::rssKb(s.process->pid());
    // The goal was 25 MB (23-24.5 MB measured) until the Docker manager (hosts, images, containers,
    // terminal) joined: its start-up code is ~0.9 MB more touched text in the binary, its heap ~0.2 MB
    // (measured 25.6-26.0 MB on an idle box, more under load). 27 MB keeps the test able to catch a
    // real regression; winning the 25 MB back (less code run at start) is an open task.
    // Compose stacks (issue 21) added libfyaml, whose load-time constructor faults ~170 kB of its pages in
    // (fault-around), and their routes and OpenAPI schemas: 27.3-27.8 MB measured, hence 28 MB. Loading
    // libfyaml only when a compose file is first read would win that part back.
    std::cout << "[figure] idle RSS: " << kb << " kB (goal <= 28672 kB)\n";
    EXPECT_LE(kb, 28 * 1024) << "idle RSS is over the 28 MB goal";
    EXPECT_EQ(s.stop(), 0);
}

// The webhook body limit is a config key (here from the environment); an over-limit body is refused
// with the JSON 413, on the API port and through the proxy on the dashboard domain alike. (The proxy
// relays the answer once it has forwarded the body; the API itself answers from the headers.)
TEST(Serve, WebhookBodyLimitFromTheEnvironmentHoldsOnTheApiAndThroughTheProxy) {
    Server s;
    s.env["RIVETR_SERVER_WEBHOOK_MAX_BODY_BYTES"] = "2048";
    s.env["RIVETR_SERVER_DASHBOARD_DOMAIN"] = "dash.test";
    s.spawn();
    ASSERT_TRUE(test::waitForHttp(s.url("/health"))) << s.output();
    auto post = [](std::size_t length) {
        return "POST /webhooks/github HTTP/1.1\r\nHost: dash.test\r\nContent-Type: application/json\r\n"
               "X-GitHub-Event: push\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
    };
    for (int port : {s.apiPort, s.proxyPort}) {
        test::RawConnection over(port);
        ASSERT_TRUE(over.send(post(2049) + std::string(2049, ' ')));
        auto refused = over.readResponse(5s);
        EXPECT_EQ(refused.status, 413) << "port " << port << ": " << refused.body;
        EXPECT_EQ(nlohmann::json::parse(refused.body, nullptr, false)["error"]["code"], "payload_too_large")
            << refused.body;
        test::RawConnection within(port);  // read and judged by the webhook handler (unsigned: refused)
        ASSERT_TRUE(within.send(post(2048) + std::string(2048, ' ')));
        auto answered = within.readResponse(5s);
        EXPECT_NE(answered.status, 413) << "port " << port << ": " << answered.body;
        EXPECT_GE(answered.status, 400) << answered.body;
    }
    EXPECT_EQ(s.stop(), 0) << s.output();
}

TEST(Serve, RuntimeUnavailableIsReportedNotFatal) {
    Server s;
    s.env["RIVETR_RUNTIME_DOCKER_SOCKET"] = (s.dir.path() / "no-docker.sock").string();
    s.env["RIVETR_RUNTIME_RUNTIME_TYPE"] = "docker";
    s.spawn();
    ASSERT_TRUE(test::waitForHttp(s.url("/health"))) << s.output();
    auto health = nlohmann::json::parse(test::httpGet(s.url("/health")).body);
    EXPECT_EQ(health["status"], "ok");
    EXPECT_EQ(health["runtime"], "unavailable");
    EXPECT_EQ(s.stop(), 0);
}

TEST(Serve, RefusesADatabaseFromANewerRivetr) {
    Server s;
    std::filesystem::create_directories(s.dir.path() / "data");
    {
        auto db = store::Database::open(s.dir.path() / "data" / "rivetr.db");
        db.exec("CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT "
                "NULL); INSERT INTO schema_migrations VALUES (999, 'future', 0);");
    }
    s.spawn();
    EXPECT_EQ(s.process->wait(10s), 1);
    EXPECT_NE(s.output().find("written by a newer rivetr"), std::string::npos) << s.output();
}

TEST(Serve, InvalidConfigurationIsListedAndRefused) {
    Server s;
    s.env["RIVETR_SERVER_API_PORT"] = "99999";
    s.spawn();
    EXPECT_EQ(s.process->wait(10s), 1);
    EXPECT_NE(s.output().find("server.api_port"), std::string::npos) << s.output();
}

TEST(Serve, PortAlreadyInUseFailsClearly) {
    Server first;
    first.spawn();
    ASSERT_TRUE(test::waitForHttp(first.url("/health")));
    Server second;
    second.env["RIVETR_SERVER_API_PORT"] = std::to_string(first.apiPort);
    second.spawn();
    EXPECT_EQ(second.process->wait(10s), 1) << second.output();
    EXPECT_EQ(first.stop(), 0);
}

// A failed login as a client sends it: TCP source `from`, to `port` (the API, or the proxy with the
// dashboard's Host), with the client's own `headers`. Answers the status.
long wrongLogin(int port, const std::string& from, std::vector<std::string> headers) {
    test::HttpRequest req;
    req.method = "POST";
    req.url = "http://127.0.0.1:" + std::to_string(port) + "/api/auth/login";
    headers.push_back("Content-Type: application/json");
    req.headers = std::move(headers);
    req.body = R"({"username":"nobody","password":"wrong-password"})";
    req.sourceAddress = from;
    return test::http(req).status;
}

// Every local process is a loopback peer, like the proxy: rotating X-Forwarded-For straight to the
// API must not escape the per-address login limit, while the proxy's own forwarding still counts
// each of its clients apart.
TEST(Serve, OnlyOurProxySpeaksForTheClientToTheLoginLimiter) {
    Server s;
    s.env["RIVETR_SERVER_DASHBOARD_DOMAIN"] = "dash.test";
    s.env["RIVETR_RUNTIME_DOCKER_SOCKET"] = (s.dir.path() / "no-docker.sock").string();
    s.env["RIVETR_RUNTIME_RUNTIME_TYPE"] = "docker";
    // One wrong login per address per minute, cheap hashes: the budget cannot refill during the test.
    s.env["RIVETR_AUTH_FAILED_AUTH_PER_MINUTE"] = "1";
    s.env["RIVETR_AUTH_PASSWORD_MEMORY_KIB"] = "8192";
    s.env["RIVETR_AUTH_PASSWORD_ITERATIONS"] = "1";
    s.spawn();
    ASSERT_TRUE(test::waitForHttp(s.url("/health"))) << s.output();
    const std::string dash = "Host: dash.test";
    auto proxied = [&] {
        test::HttpRequest req;
        req.url = "http://127.0.0.1:" + std::to_string(s.proxyPort) + "/health";
        req.headers = {dash};
        return test::http(req).status;
    };
    for (int i = 0; i < 100 && proxied() != 200; ++i) std::this_thread::sleep_for(50ms);
    ASSERT_EQ(proxied(), 200) << "the proxy does not serve the dashboard domain";

    auto xff = [](int i) { return "X-Forwarded-For: 192.0.2." + std::to_string(i); };
    EXPECT_EQ(wrongLogin(s.apiPort, "127.0.0.1", {xff(1)}), 401);
    EXPECT_EQ(wrongLogin(s.apiPort, "127.0.0.1", {xff(2)}), 429) << "a loopback client escaped the limit by rotating X-Forwarded-For";
    EXPECT_EQ(wrongLogin(s.apiPort, "127.0.0.1", {xff(3), "X-Rivetr-Proxy-Mark: guessed"}), 429);

    // Through the proxy (whose upstream connection also comes from 127.0.0.1) each client counts alone.
    EXPECT_EQ(wrongLogin(s.proxyPort, "127.0.0.7", {dash}), 401) << "the proxy's clients share the spent loopback budget";
    EXPECT_EQ(wrongLogin(s.proxyPort, "127.0.0.7", {dash, xff(4), "X-Rivetr-Proxy-Mark: guessed"}), 429)
        << "a client escaped the limit through the proxy";
    EXPECT_EQ(wrongLogin(s.proxyPort, "127.0.0.8", {dash}), 401);
    EXPECT_EQ(s.stop(), 0);
}

RunResult rivetr(const std::vector<std::string>& args, const std::filesystem::path& cwd = "/") {
    SpawnOptions o;
    o.workingDir = cwd;
    return test::runRivetr(args, o);
}

TEST(Cli, VersionHelpAndUsageErrors) {
    auto v = rivetr({"--version"});
    EXPECT_EQ(v.exitCode, 0);
    EXPECT_EQ(v.output.rfind("rivetr ", 0), 0u);
    EXPECT_EQ(rivetr({"--help"}).exitCode, 0);
    EXPECT_EQ(rivetr({}).exitCode, 2);
    auto unknown = rivetr({"frobnicate"});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.output.find("unknown command \"frobnicate\""), std::string::npos);
    EXPECT_EQ(rivetr({"serve", "--bogus"}).exitCode, 2);
    EXPECT_EQ(rivetr({"config"}).exitCode, 2);
}

TEST(Cli, ConfigCheckAcceptsTheExampleAndNamesBadKeys) {
    auto ok = rivetr({"config", "check", "--config", (test::sourceDir() / "rivetr.example.toml").string()});
    EXPECT_EQ(ok.exitCode, 0) << ok.output;

    test::TempDir dir;
    test::writeFile(dir / "bad.toml", "[server]\napi_prot = 9000\nproxy_port = 70000\n");
    auto bad = rivetr({"config", "check", "--config", (dir / "bad.toml").string()});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.output.find("server.api_prot: unknown key (did you mean server.api_port?)"), std::string::npos)
        << bad.output;
    EXPECT_NE(bad.output.find("server.proxy_port: must be a port between 1 and 65535"), std::string::npos)
        << bad.output;

    auto missing = rivetr({"config", "check", "--config", (dir / "nope.toml").string()});
    EXPECT_EQ(missing.exitCode, 1);

    auto defaults = rivetr({"config", "check"}, dir.path());
    EXPECT_EQ(defaults.exitCode, 0) << defaults.output;
}

}  // namespace
}  // namespace rivetr
