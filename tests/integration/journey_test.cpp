// A user's journey over HTTP only, against the real binary: create an app, deploy, see it live through the
// proxy, deploy again, roll back; and a SIGKILLed server that comes back without orphans or stuck deployments.
#include "core/crypto.hpp"
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class Journey : public test::ServeFixture {
protected:
    Journey() : ServeFixture("journey") {}
};

TEST_F(Journey, CreateDeployServeRedeployRollBack) {
    commitVersion("v1");
    createApp();
    auto first = deploy();
    auto d1 = waitStatus(first, terminal);
    ASSERT_EQ(d1["status"], "running") << d1.dump();
    EXPECT_EQ(viaProxy().body, "version=v1\n");

    commitVersion("v2");
    auto second = deploy();
    ASSERT_EQ(waitStatus(second, terminal)["status"], "running");
    EXPECT_EQ(viaProxy().body, "version=v2\n");

    auto logs = json::parse(call("GET", "/api/deployments/" + second + "/logs").body);
    EXPECT_GT(logs["lines"].size(), 3u);

    auto rb = call("POST", "/api/deployments/" + first + "/rollback");
    ASSERT_EQ(rb.status, 202) << rb.body;
    auto rollback = json::parse(rb.body)["deployment_id"].get<std::string>();
    auto drb = waitStatus(rollback, terminal);
    EXPECT_EQ(drb["status"], "running") << drb.dump();
    EXPECT_EQ(drb["rollback_of"], first);
    EXPECT_EQ(viaProxy().body, "version=v1\n");

    auto list = json::parse(call("GET", "/api/apps/" + appId + "/deployments").body);
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0]["id"], rollback);
    EXPECT_EQ(list[0]["live"], true);
    auto audit = call("GET", "/api/audit").body;
    EXPECT_NE(audit.find("deployment.rollback"), std::string::npos);
}

// SIGKILL of `rivetr serve` while a deployment builds: after a restart the deployment is
// terminal with the reason, the previous version is served again, and no container is orphaned.
TEST_F(Journey, SigkillDuringABuildRecoversOnRestart) {
    commitVersion("v1");
    createApp();
    ASSERT_EQ(waitStatus(deploy(), terminal)["status"], "running");

    std::filesystem::copy_file("/bin/busybox", repo.dir() / "busybox");
    repo.write("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sleep\", \"300\"]\n");
    repo.commit("slow");
    auto slow = deploy();
    waitStatus(slow, [](const std::string& s) { return s == "building"; }, 60s);
    std::this_thread::sleep_for(1s);
    server->signal(SIGKILL);
    server->wait(10s);

    start();
    auto d = waitStatus(slow, terminal, 30s);
    EXPECT_EQ(d["status"], "failed");
    EXPECT_NE(d["error"].get<std::string>().find("interrupted by a restart"), std::string::npos) << d.dump();
    EXPECT_EQ(viaProxy().body, "version=v1\n") << "the live version is not served after the restart";
    EXPECT_EQ(rt->listContainers(runtime::rivetrFilter(appId, slow)).size(), 0u);
    EXPECT_EQ(rt->listContainers(runtime::rivetrFilter(appId)).size(), 1u) << "orphaned containers remain";
}

// After a reboot Rivetr may start before dockerd answers: the live apps must come back by
// themselves once the engine is up, without another restart.
TEST_F(Journey, LiveAppsComeBackWhenTheEngineAnswersAfterRivetrStarted) {
    commitVersion("v1");
    createApp();
    ASSERT_EQ(waitStatus(deploy(), terminal)["status"], "running");
    server->signal(SIGTERM);
    ASSERT_EQ(server->wait(15s), 0);

    auto socket = dir.path() / "docker.sock";  // absent for now: the engine "is still starting"
    extraEnv = {{"RIVETR_RUNTIME_DOCKER_SOCKET", socket.string()}, {"RIVETR_RUNTIME_RUNTIME_TYPE", "docker"}};
    start();
    EXPECT_NE(viaProxy().status, 200);
    std::filesystem::create_symlink(test::dockerSocket(), socket);
    auto until = std::chrono::steady_clock::now() + 30s;
    std::string body;
    while (std::chrono::steady_clock::now() < until && (body = viaProxy().body) != "version=v1\n") {
        std::this_thread::sleep_for(250ms);
    }
    EXPECT_EQ(body, "version=v1\n") << "the live app did not come back once the engine answered";
}

// The same journey driven by signed GitHub push webhooks (payload shaped as GitHub sends it, pointing at the
// local repository): each push deploys exactly its commit, a replayed delivery deploys nothing, and a
// rollback through the API brings v1 back.
TEST_F(Journey, SignedPushWebhooksDeployAndTheApiRollsBack) {
    auto v1 = commitVersion("v1");
    createApp();
    std::string secret = json::parse(call("GET", "/api/apps/" + appId).body)["webhook_secret"];
    auto push = [&](const std::string& sha, const std::string& delivery) {
        auto payload = json::parse(test::readFile(std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
                                                  "api/testdata/webhooks/github_push.json"));
        for (const char* field : {"clone_url", "html_url", "url"}) payload["repository"][field] = repo.url();
        payload["after"] = sha;
        payload["head_commit"]["id"] = sha;
        payload["head_commit"]["message"] = "release " + sha;
        test::HttpRequest req;
        req.method = "POST";
        req.url = api("/webhooks/github");
        req.body = payload.dump();
        req.headers = {"Content-Type: application/json", "X-GitHub-Event: push", "X-GitHub-Delivery: " + delivery,
                       "X-Hub-Signature-256: sha256=" + crypto::toHex(crypto::hmacSha256(secret, req.body))};
        return test::http(req);
    };
    auto accepted = [](const test::HttpResponse& r) {
        EXPECT_EQ(r.status, 202) << r.body;
        return json::parse(r.body, nullptr, false).value("deployment_id", "");
    };

    auto first = accepted(push(v1, "delivery-v1"));
    auto d1 = waitStatus(first, terminal);
    ASSERT_EQ(d1["status"], "running") << d1.dump();
    EXPECT_EQ(d1["commit_sha"], v1);
    EXPECT_EQ(d1["trigger"], "webhook");
    EXPECT_EQ(viaProxy().body, "version=v1\n");

    auto v2 = commitVersion("v2");
    auto second = accepted(push(v2, "delivery-v2"));
    auto d2 = waitStatus(second, terminal);
    ASSERT_EQ(d2["status"], "running") << d2.dump();
    EXPECT_EQ(d2["commit_sha"], v2);
    EXPECT_EQ(viaProxy().body, "version=v2\n");

    auto replay = push(v2, "delivery-v2");
    EXPECT_EQ(replay.status, 200) << replay.body;
    EXPECT_EQ(json::parse(call("GET", "/api/apps/" + appId + "/deployments").body).size(), 2u);

    auto rb = call("POST", "/api/deployments/" + first + "/rollback");
    ASSERT_EQ(rb.status, 202) << rb.body;
    auto drb = waitStatus(json::parse(rb.body)["deployment_id"], terminal);
    EXPECT_EQ(drb["status"], "running") << drb.dump();
    EXPECT_EQ(viaProxy().body, "version=v1\n");
    auto audit = call("GET", "/api/audit").body;
    EXPECT_NE(audit.find("\"actor_type\":\"webhook\""), std::string::npos) << audit;
}

}  // namespace
}  // namespace rivetr
