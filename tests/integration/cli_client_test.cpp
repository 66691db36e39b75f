// The rivetr client commands against a real `rivetr serve`: every command, --json that parses, exit codes
// 0/1/2, secrets never printed, and `deploy --wait` whose exit status follows the deployment's outcome.
#include <fstream>

#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A server for the CLI to talk to; only CliDeploy builds and runs apps, so only it needs Docker.
class CliClient : public test::ServeFixture {
protected:
    explicit CliClient(bool needsDocker = false) : ServeFixture("clidemo", needsDocker) {}

    // Runs with --json and only stdout captured; the command must succeed and print JSON.
    json cliJson(std::vector<std::string> args, int expectedExit = 0) {
        args.push_back("--json");
        auto r = cli(std::move(args), {}, false);
        EXPECT_EQ(r.exitCode, expectedExit) << r.output;
        auto j = json::parse(r.output, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << "not JSON: " << r.output;
        return j;
    }
};

TEST_F(CliClient, UsageErrorsExitTwo) {
    for (std::vector<std::string> args : {std::vector<std::string>{"frobnicate"},
                                          {"apps"},
                                          {"apps", "frobnicate"},
                                          {"apps", "show"},
                                          {"apps", "create", "web", "--port", "8000"},
                                          {"apps", "create", "web", "--git-url", "x", "--port", "eighty"},
                                          {"apps", "list", "--no-such-option"},
                                          {"env", "set", "web", "NOEQUALS"},
                                          {"env", "unset", "web"},
                                          {"domains", "add", "web"},
                                          {"deploy"},
                                          {"redeploy"},
                                          {"env", "set", "web", "A=1", "--wait"},
                                          {"cancel"},
                                          {"tokens", "create"},
                                          {"completion", "fish"}}) {
        auto r = cli(args);
        EXPECT_EQ(r.exitCode, 2) << testing::PrintToString(args) << "\n" << r.output;
        EXPECT_TRUE(has(r.output, "Usage:")) << r.output;
    }
}

TEST_F(CliClient, StatusReportsHealthAndFailuresExitOne) {
    auto r = cli({"status"});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(has(r.output, "database: ok")) << r.output;
    auto j = cliJson({"status"});
    EXPECT_EQ(j["health"]["status"], "ok");
    EXPECT_EQ(j["apps"], 0);

    auto bad = cli({"status", "--token", "wrong-token"});
    EXPECT_EQ(bad.exitCode, 1) << bad.output;
    EXPECT_TRUE(has(bad.output, "rivetr: 401")) << bad.output;

    auto down = "http://127.0.0.1:" + std::to_string(test::freePort());
    auto gone = cli({"status", "--url", down});
    EXPECT_EQ(gone.exitCode, 1);
    EXPECT_EQ(gone.output, "rivetr: cannot reach " + down + ": connection refused\n");
}

TEST_F(CliClient, AppsEnvDomainsAndTokens) {
    auto created = cliJson({"apps", "create", "web", "--git-url", "https://example.com/web.git", "--port", "8000",
                            "--domains", "a.test,b.test", "--branch", "trunk"});
    EXPECT_EQ(created["name"], "web");
    EXPECT_EQ(created["domains"], json({"a.test", "b.test"}));
    auto invalid = cli({"apps", "create", "bad", "--git-url", "https://example.com/x.git", "--port", "70000"});
    EXPECT_EQ(invalid.exitCode, 1);
    EXPECT_TRUE(has(invalid.output, "rivetr: 400 invalid: ") && has(invalid.output, "(field port)")) << invalid.output;

    auto list = cli({"apps", "list"});
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_TRUE(has(list.output, "NAME") && has(list.output, "a.test,b.test")) << list.output;
    EXPECT_EQ(cliJson({"apps", "list"}).size(), 1u);
    auto show = cli({"apps", "show", "web"});
    EXPECT_TRUE(has(show.output, "branch:") && has(show.output, "trunk")) << show.output;
    EXPECT_EQ(cliJson({"apps", "show", "web"})["id"], created["id"]);
    EXPECT_EQ(cli({"apps", "show", "nope"}).exitCode, 1);

    // env: pairs, a secret, a .env file, all merged; the secret never printed.
    EXPECT_EQ(cli({"env", "set", "web", "A=1", "B=two words"}).exitCode, 0);
    auto secret = cli({"env", "set", "web", "API_KEY=hunter2-value", "--secret"});
    EXPECT_EQ(secret.exitCode, 0);
    EXPECT_FALSE(has(secret.output, "hunter2")) << secret.output;
    test::writeFile(dir.path() / ".env", "# settings\nexport FROM_FILE=\"x y\"\nB='replaced'\n");
    EXPECT_EQ(cli({"env", "set", "web", "--file", (dir.path() / ".env").string()}).exitCode, 0);
    auto envList = cli({"env", "list", "web"});
    EXPECT_TRUE(has(envList.output, "API_KEY") && has(envList.output, "********")) << envList.output;
    EXPECT_FALSE(has(envList.output, "hunter2")) << envList.output;
    auto vars = cliJson({"env", "list", "web"});
    std::map<std::string, json> byKey;
    for (const auto& v : vars) byKey[v["key"]] = v;
    ASSERT_EQ(byKey.size(), 4u) << vars.dump();
    EXPECT_EQ(byKey["A"]["value"], "1");
    EXPECT_EQ(byKey["B"]["value"], "replaced");
    EXPECT_EQ(byKey["FROM_FILE"]["value"], "x y");
    EXPECT_EQ(byKey["API_KEY"]["secret"], true);
    EXPECT_FALSE(has(cliJson({"env", "list", "web"}).dump(), "hunter2"));
    EXPECT_EQ(cli({"env", "unset", "web", "A"}).exitCode, 0);
    EXPECT_EQ(cliJson({"env", "list", "web"}).size(), 3u);
    EXPECT_EQ(cli({"env", "unset", "web", "A"}).exitCode, 1);

    // domains
    EXPECT_EQ(cli({"domains", "add", "web", "c.test"}).exitCode, 0);
    EXPECT_EQ(cliJson({"domains", "remove", "web", "a.test"})["domains"], json({"b.test", "c.test"}));
    EXPECT_EQ(cli({"domains", "remove", "web", "a.test"}).exitCode, 1);

    // tokens: a viewer may read but not delete; a revoked token stops working.
    auto token = cliJson({"tokens", "create", "ci", "--role", "viewer", "--expires-in-days", "7"});
    auto secretToken = token["token"].get<std::string>();
    auto listed = cli({"tokens", "list"}).output;
    EXPECT_TRUE(has(listed, "ci"));
    EXPECT_TRUE(has(listed, "OWNER") && has(listed, "admin token")) << "the list does not say who minted the token: " << listed;
    EXPECT_EQ(cliJson({"tokens", "list"}).size(), 1u);
    EXPECT_EQ(cliJson({"tokens", "list"})[0]["owner"]["type"], "admin_token");
    EXPECT_EQ(cli({"apps", "list"}, {{"RIVETR_TOKEN", secretToken}}).exitCode, 0);
    auto denied = cli({"apps", "delete", "web", "--token", secretToken});
    EXPECT_EQ(denied.exitCode, 1);
    EXPECT_TRUE(has(denied.output, "rivetr: 403")) << denied.output;
    EXPECT_EQ(cli({"tokens", "revoke", token["id"]}).exitCode, 0);
    EXPECT_EQ(cli({"apps", "list", "--token", secretToken}).exitCode, 1);

    EXPECT_EQ(cli({"apps", "delete", "web"}).exitCode, 0);
    EXPECT_EQ(cliJson({"apps", "list"}).size(), 0u);
}

// `rivetr password` as the user who owns the token: the passwords come on standard input (never
// in argv); the old password stops working, the admin token (no user) is told why it cannot.
TEST_F(CliClient, PasswordChangesTheTokenOwnersOwnPassword) {
    ASSERT_EQ(call("POST", "/api/users", {{"username", "cli-user"}, {"password", "first-pass-1"}, {"role", "admin"}}).status, 201);
    auto login = [&](const std::string& password) {
        test::HttpRequest req;
        req.method = "POST";
        req.url = api("/api/auth/login");
        req.headers = {"Content-Type: application/json"};
        req.body = json{{"username", "cli-user"}, {"password", password}}.dump();
        return test::http(req);
    };
    auto session = login("first-pass-1");
    ASSERT_EQ(session.status, 200) << session.body;
    test::HttpRequest mint;
    mint.method = "POST";
    mint.url = api("/api/tokens");
    mint.headers = {"Content-Type: application/json", "Cookie: " + session.headers["set-cookie"].substr(0, session.headers["set-cookie"].find(';')),
                    "X-CSRF-Token: " + json::parse(session.body)["csrf_token"].get<std::string>()};
    mint.body = json{{"name", "cli-user-laptop"}}.dump();
    auto minted = test::http(mint);
    ASSERT_EQ(minted.status, 201) << minted.body;
    auto token = json::parse(minted.body)["token"].get<std::string>();

    test::TempDir input;
    auto password = [&](const std::string& lines, const std::string& asToken) {
        std::ofstream(input.path() / "stdin") << lines;
        SpawnOptions o;
        o.env = {{"RIVETR_URL", served.url()}, {"RIVETR_TOKEN", asToken}};
        o.stdinFile = input.path() / "stdin";
        return test::runRivetr({"password"}, o);
    };
    auto wrong = password("not-my-password\nsecond-pass-2\n", token);
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_TRUE(has(wrong.output, "rivetr: 403 wrong_password")) << wrong.output;
    auto asAdmin = password("x\nsecond-pass-2\n", served.adminToken());
    EXPECT_EQ(asAdmin.exitCode, 1);
    EXPECT_TRUE(has(asAdmin.output, "the admin token has no password")) << asAdmin.output;
    EXPECT_EQ(password("", token).exitCode, 1);
    EXPECT_EQ(cli({"password", "first-pass-1"}).exitCode, 2) << "a password was accepted as an argument";

    auto ok = password("first-pass-1\nsecond-pass-2\n", token);
    ASSERT_EQ(ok.exitCode, 0) << ok.output;
    EXPECT_TRUE(has(ok.output, "Password of cli-user changed")) << ok.output;
    EXPECT_FALSE(has(ok.output, "second-pass-2")) << ok.output;
    EXPECT_EQ(login("first-pass-1").status, 401);
    EXPECT_EQ(login("second-pass-2").status, 200);
}

TEST_F(CliClient, CompletionScriptsLoad) {
    auto bash = cli({"completion", "bash"});
    EXPECT_EQ(bash.exitCode, 0);
    test::writeFile(dir.path() / "c.bash", bash.output);
    auto loaded = run({"bash", "-c", "source " + (dir.path() / "c.bash").string() + " && complete -p rivetr"});
    EXPECT_EQ(loaded.exitCode, 0) << loaded.output;
    auto zsh = cli({"completion", "zsh"});
    EXPECT_EQ(zsh.exitCode, 0);
    EXPECT_TRUE(has(zsh.output, "#compdef rivetr"));
    test::writeFile(dir.path() / "c.zsh", zsh.output);
    auto parsed = run({"zsh", "-n", (dir.path() / "c.zsh").string()});
    EXPECT_EQ(parsed.exitCode, 0) << "the zsh script does not parse: " << parsed.output;
    for (const char* command : {"logs", "backup", "restore"}) EXPECT_TRUE(has(zsh.output, std::string("'") + command + ":"));
}

class CliDeploy : public CliClient {
protected:
    CliDeploy() : CliClient(true) {}
};

TEST_F(CliDeploy, DeployWaitExitFollowsTheOutcome) {
    commitVersion("v1");
    auto app = cliJson({"apps", "create", "clidemo", "--git-url", repo.url(), "--port", "8000", "--build-type",
                        "dockerfile", "--domains", "clidemo.test", "--healthcheck-path", "/health",
                        "--healthcheck-retries", "6", "--healthcheck-interval-ms", "300"});
    appId = app["id"];

    auto first = cli({"deploy", "clidemo", "--wait"});
    ASSERT_EQ(first.exitCode, 0) << first.output;
    EXPECT_TRUE(has(first.output, "is running")) << first.output;
    EXPECT_GT(std::count(first.output.begin(), first.output.end(), '\n'), 4) << "no build log streamed";
    EXPECT_EQ(viaProxy().body, "version=v1\n");

    commitVersion("v2");
    auto second = cliJson({"deploy", "clidemo", "--wait"});
    EXPECT_EQ(second["status"], "running");
    EXPECT_EQ(viaProxy().body, "version=v2\n");

    // Default rollback target: the previous deployment that went live and whose image is kept (v1).
    auto rb = cli({"rollback", "clidemo", "--wait"});
    ASSERT_EQ(rb.exitCode, 0) << rb.output;
    EXPECT_EQ(viaProxy().body, "version=v1\n");
    auto deployments = cliJson({"deployments", "clidemo"});
    ASSERT_EQ(deployments.size(), 3u);
    EXPECT_EQ(deployments[0]["rollback_of"], deployments[2]["id"]);
    auto table = cli({"deployments", "clidemo"}).output;
    EXPECT_TRUE(has(table, "running"));
    // Each deployment with its commit's first line and its author's name (not the address).
    EXPECT_TRUE(has(table, "MESSAGE") && has(table, "AUTHOR") && has(table, "Ada Tester")) << table;
    EXPECT_FALSE(has(table, "ada@example.test")) << table;

    // A health check that never passes: exit 1, the reason on stderr, the old version still served.
    commitVersion("v3", {{"HEALTH_STATUS", "500"}});
    auto failed = cli({"deploy", "clidemo", "--wait"});
    EXPECT_EQ(failed.exitCode, 1) << failed.output;
    EXPECT_TRUE(has(failed.output, "rivetr: deployment ") && has(failed.output, " failed")) << failed.output;
    EXPECT_EQ(viaProxy().body, "version=v1\n");

    // cancel: a finished deployment is not cancellable (exit 1); a running build is (exit 0).
    EXPECT_EQ(cli({"cancel", deployments[0]["id"]}).exitCode, 1);
    std::filesystem::copy_file("/bin/busybox", repo.dir() / "busybox");
    repo.write("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sleep\", \"300\"]\n");
    repo.commit("slow");
    auto slow = cliJson({"deploy", "clidemo"})["deployment_id"].get<std::string>();
    std::this_thread::sleep_for(1s);
    auto cancel = cli({"cancel", slow});
    EXPECT_EQ(cancel.exitCode, 0) << cancel.output;
    std::string status;
    for (auto end = std::chrono::steady_clock::now() + 60s; std::chrono::steady_clock::now() < end;) {
        status = cliJson({"deployments", "clidemo"})[0]["status"];
        if (status == "cancelled") break;
        std::this_thread::sleep_for(300ms);
    }
    EXPECT_EQ(status, "cancelled");
}

}  // namespace
}  // namespace rivetr
