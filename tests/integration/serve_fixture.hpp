// One way for integration tests to run `rivetr serve` as a user would and talk to it over HTTP only.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>

#include <functional>
#include <map>
#include <optional>
#include <thread>

#include "core/git/git_test_repo.hpp"
#include "core/subprocess.hpp"
#include "runtime/container_runtime.hpp"
#include "runtime/testing/swallow.hpp"
#include "runtime/naming.hpp"
#include "tests/fixtures/app_cleanup.hpp"
#include "tests/fixtures/fixture_image.hpp"
#include "tests/integration/serve_process.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::test {

// A served instance with one app ("<name>.test") built from a local git repository of the
// test server. Containers and images of the app are removed at the end whatever happened.
class ServeFixture : public ::testing::Test {
protected:
    static constexpr const char* kToken = "serve-fixture-admin-token-0123456789ab";
    // Clean-up on the engine that must not fail the test (runtime/testing/swallow.hpp).
    template <typename F>
    static void swallow(F f) { runtime::testing::swallow(f); }

    // `needsDocker` false: a server for API and CLI tests that deploy nothing (no Docker required).
    explicit ServeFixture(std::string appName = "fixture", bool needsDocker = true)
        : appName_(std::move(appName)), needsDocker_(needsDocker) {}

    TempDir dir{"rivetr-serve"};
    ServeProcess served{dir.path()};
    const int apiPort = served.apiPort;
    const int proxyPort = served.proxyPort;
    std::optional<Process>& server = served.process;
    git::test::TestRepo repo{dir.path() / "repo"};
    std::shared_ptr<runtime::ContainerRuntime> rt;
    std::string appId;
    std::map<std::string, std::string> extraEnv;  // RIVETR_* overrides for the next start()

    void SetUp() override {
        if (needsDocker_) {
            RIVETR_REQUIRE_DOCKER();
            rt = runtime::connectRuntime({});
        }
        start();
    }

    void TearDown() override {
        stop(SIGTERM);
        if (rt && !appId.empty()) removeAppObjects(*rt, appId);
    }

    void start() {
        served.env = {{"RIVETR_AUTH_ADMIN_TOKEN", kToken}, {"RIVETR_GIT_ALLOW_LOCAL_REPOSITORIES", "true"}};
        for (const auto& [k, v] : extraEnv) served.env[k] = v;
        ASSERT_TRUE(served.start());
    }

    // SIGTERM drains and must exit 0; SIGKILL is the crash.
    void stop(int sig) {
        if (!server) return;
        auto code = served.stop(sig);
        if (sig == SIGTERM) {
            EXPECT_EQ(code, 0) << "rivetr serve did not exit cleanly";
        }
    }

    std::string api(const std::string& path) const { return served.url(path); }
    std::vector<std::string> auth() const { return served.auth(); }

    HttpResponse call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr) {
        return served.call(method, path, body.is_null() ? "" : body.dump());
    }

    // Through the proxy to the app's domain, or to `host`.
    HttpResponse viaProxy(const std::string& path = "/", const std::string& host = "") {
        return served.viaProxy(host.empty() ? appName_ + ".test" : host, path);
    }

    RunResult cli(std::vector<std::string> args, const std::map<std::string, std::string>& env = {},
                  bool mergeStderr = true) const {
        return served.cli(std::move(args), env, mergeStderr);
    }

    std::string commitVersion(const std::string& v, std::map<std::string, std::string> env = {}) {
        env["TESTSERVER_VERSION"] = v;
        writeTestserverContext(repo.dir(), env);
        return repo.commit(v);
    }

    void createApp() {
        auto r = call("POST", "/api/apps",
                      {{"name", appName_}, {"git_url", repo.url()}, {"port", 8000}, {"build_type", "dockerfile"},
                       {"domains", {appName_ + ".test"}},
                       {"healthcheck", {{"path", "/health"}, {"interval_ms", 200}, {"retries", 20}}}});
        ASSERT_EQ(r.status, 201) << r.body;
        appId = nlohmann::json::parse(r.body)["id"];
    }

    std::string deploy() {
        auto r = call("POST", "/api/apps/" + appId + "/deploy");
        EXPECT_EQ(r.status, 202) << r.body;
        return nlohmann::json::parse(r.body, nullptr, false).value("deployment_id", "");
    }

    nlohmann::json deployment(const std::string& id) {
        return nlohmann::json::parse(call("GET", "/api/deployments/" + id).body, nullptr, false);
    }

    nlohmann::json waitStatus(const std::string& id, const std::function<bool(const std::string&)>& done,
                              std::chrono::seconds limit = std::chrono::seconds(120)) {
        auto end = std::chrono::steady_clock::now() + limit;
        nlohmann::json d;
        while (std::chrono::steady_clock::now() < end) {
            d = deployment(id);
            if (d.is_object() && d.contains("status") && done(d["status"])) return d;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "deployment " << id << " stuck: " << d.dump();
        return d;
    }

    static bool terminal(const std::string& s) {
        return s == "running" || s == "failed" || s == "cancelled" || s == "replaced" || s == "rolled_back";
    }

private:
    std::string appName_;
    bool needsDocker_;
};

}  // namespace rivetr::test
