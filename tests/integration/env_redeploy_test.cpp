// Save and redeploy against a real `rivetr serve` and dockerd: a changed variable reaches the app through the
// proxy with no failed request during the switch, no rebuild; the CLI's redeploy; a removed live image is a 409.
#include "tests/integration/serve_fixture.hpp"
#include "tests/support/switch_watch.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class EnvRedeploy : public test::ServeFixture {
protected:
    EnvRedeploy() : ServeFixture("envrel") {}

    test::HttpResponse putEnv(const std::string& value, const std::string& query = "") {
        return call("PUT", "/api/apps/" + appId + "/env" + query, {{"vars", {{{"key", "GREETING"}, {"value", value}}}}});
    }
    std::string served() { return viaProxy("/env?name=GREETING").body; }
    bool envPending() { return json::parse(call("GET", "/api/apps/" + appId).body).value("env_pending", false); }
};

TEST_F(EnvRedeploy, ANewValueGoesLiveWithoutARebuildOrAFailedRequest) {
    commitVersion("v1");
    createApp();
    ASSERT_EQ(putEnv("one").status, 200);
    auto first = waitStatus(deploy(), terminal);
    ASSERT_EQ(first["status"], "running") << first.dump();
    EXPECT_EQ(served(), "one\n");
    EXPECT_FALSE(envPending());

    ASSERT_EQ(putEnv("two").status, 200);
    EXPECT_TRUE(envPending()) << "saved without a redeploy: the app should say its env is pending";
    EXPECT_EQ(served(), "one\n") << "a saved variable reached the running container";

    // Save and redeploy while a client reads through the proxy: not one failed request, one switch.
    test::SwitchWatch watch([&] { return viaProxy("/env?name=GREETING"); });
    auto started = putEnv("three", "?redeploy=true");
    ASSERT_EQ(started.status, 202) << started.body;
    auto id = json::parse(started.body)["deployment_id"].get<std::string>();
    auto release = waitStatus(id, terminal);
    std::this_thread::sleep_for(300ms);
    auto seen = watch.stop();
    ASSERT_EQ(release["status"], "running") << release.dump();
    EXPECT_EQ(seen.failures, 0) << "of " << seen.total << " requests; first: " << seen.firstFailure;
    EXPECT_EQ(seen.switches, 1);
    EXPECT_GT(seen.total, 10);
    EXPECT_EQ(served(), "three\n");
    EXPECT_EQ(viaProxy().body, "version=v1\n");
    EXPECT_EQ(release["trigger"], "redeploy");
    EXPECT_EQ(release["rollback_of"], first["id"]);
    EXPECT_EQ(release["image"], first["image"]) << "a redeploy built a new image";
    EXPECT_EQ(release["commit_sha"], first["commit_sha"]);
    EXPECT_EQ(deployment(first["id"])["status"], "replaced");
    EXPECT_FALSE(envPending());
    auto log = call("GET", "/api/deployments/" + id + "/logs").body;
    EXPECT_NE(log.find("no clone, no build"), std::string::npos) << log;
    EXPECT_EQ(log.find("==> building"), std::string::npos) << log;

    // The CLI: env set --redeploy --wait, then a plain redeploy.
    auto set = cli({"env", "set", "envrel", "GREETING=four", "--redeploy", "--wait"});
    ASSERT_EQ(set.exitCode, 0) << set.output;
    EXPECT_EQ(served(), "four\n");
    auto again = cli({"redeploy", "envrel", "--wait"});
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_EQ(served(), "four\n");

    // The live image removed behind Rivetr's back: 409 saying how to recover, the env left as it was.
    auto liveImage = deployment(json::parse(call("GET", "/api/apps/" + appId).body)["live_deployment_id"])["image"];
    rt->removeImage(liveImage.get<std::string>(), true);
    auto refused = putEnv("five", "?redeploy=true");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "image_removed") << refused.body;
    EXPECT_NE(refused.body.find("deploy to rebuild"), std::string::npos) << refused.body;
    EXPECT_EQ(json::parse(call("GET", "/api/apps/" + appId + "/env").body)[0]["value"], "four");
    EXPECT_EQ(served(), "four\n") << "the live container stopped serving";
}

}  // namespace
}  // namespace rivetr
