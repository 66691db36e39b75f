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
#include "runtime/naming.hpp"
#include "tests/fixtures/fixture_image.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::test {

// A served instance with one app ("<name>.test") built from a local git repository of the
// test server. Containers and images of the app are removed at the end whatever happened.
class ServeFixture : public ::testing::Test {
protected:
    static constexpr const char* kToken = "serve-fixture-admin-token-0123456789ab";

    explicit ServeFixture(std::string appName = "fixture") : appName_(std::move(appName)) {}

    TempDir dir{"rivetr-serve"};
    int apiPort = freePort();
    int proxyPort = freePort();
    std::optional<Process> server;
    git::test::TestRepo repo{dir.path() / "repo"};
    std::shared_ptr<runtime::ContainerRuntime> rt;
    std::string appId;
    std::map<std::string, std::string> extraEnv;  // RIVETR_* overrides for the next start()

    void SetUp() override {
        RIVETR_REQUIRE_DOCKER();
        rt = runtime::connectRuntime({});
        start();
    }

    void TearDown() override {
        stop(SIGTERM);
        if (!rt || appId.empty()) return;
        for (const auto& c : rt->listContainers(runtime::rivetrFilter(appId))) {
            try {
                rt->removeContainer(c.id, {true, false});
            } catch (const std::exception&) {
                // Already being removed by the server's retirer.
            }
        }
        for (const auto& i : rt->listImages(runtime::rivetrFilter(appId))) {
            try {
                rt->removeImage(i.id, true);
            } catch (const std::exception&) {
            }
        }
    }

    void start() {
        SpawnOptions o;
        o.workingDir = dir.path();
        o.stdoutFile = dir.path() / ("serve-" + std::to_string(++starts_) + ".log");
        o.env = {{"RIVETR_SERVER_API_PORT", std::to_string(apiPort)},
                 {"RIVETR_SERVER_HOST", "127.0.0.1"},
                 {"RIVETR_SERVER_PROXY_PORT", std::to_string(proxyPort)},
                 {"RIVETR_SERVER_PROXY_HTTPS_PORT", std::to_string(freePort())},
                 {"RIVETR_SERVER_DATA_DIR", (dir.path() / "data").string()},
                 {"RIVETR_AUTH_ADMIN_TOKEN", kToken},
                 {"RIVETR_GIT_ALLOW_LOCAL_REPOSITORIES", "true"}};
        for (const auto& [k, v] : extraEnv) o.env[k] = v;
        server = Process::spawn({rivetrBinary().string(), "serve"}, o);
        ASSERT_TRUE(waitForHttp(api("/health"), 200, std::chrono::seconds(30)));
    }

    // SIGTERM drains and must exit 0; SIGKILL is the crash.
    void stop(int sig) {
        if (!server) return;
        server->signal(sig);
        auto code = server->wait(std::chrono::seconds(15));
        if (sig == SIGTERM) {
            EXPECT_EQ(code, 0) << "rivetr serve did not exit cleanly";
        }
        server.reset();
    }

    std::string api(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(apiPort) + path; }

    HttpResponse call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr) {
        HttpRequest req;
        req.method = method;
        req.url = api(path);
        req.headers = {"Authorization: Bearer " + std::string(kToken), "Content-Type: application/json"};
        if (!body.is_null()) req.body = body.dump();
        return http(req);
    }

    HttpResponse viaProxy(const std::string& path = "/") {
        HttpRequest req;
        req.url = "http://127.0.0.1:" + std::to_string(proxyPort) + path;
        req.headers = {"Host: " + appName_ + ".test"};
        return http(req);
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
    int starts_ = 0;
};

}  // namespace rivetr::test
