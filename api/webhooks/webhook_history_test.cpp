// Every delivery that reaches an app is in that app's history (GET /api/apps/{id}/webhooks/deliveries) with
// what it did and why; rejected requests are recorded only for the repository they name, bounded, and
// answered exactly as before; a webhook's deployment shows its commit's message and author at once.
#include <gtest/gtest.h>

#include <thread>

#include "api/webhooks/webhook_provider_cases.hpp"

namespace rivetr::api::test_webhooks {
namespace {

using nlohmann::json;

class History : public Webhooks {
protected:
    json deliveriesOf(const json& app) {
        auto r = get("/api/apps/" + app["id"].get<std::string>() + "/webhooks/deliveries");
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body, nullptr, false)["deliveries"];
    }
    // Rejections are written after the answer, on the recorder's thread.
    json waitForDeliveries(const json& app, std::size_t n) {
        json list;
        for (int i = 0; i < 200; ++i) {
            list = deliveriesOf(app);
            if (list.size() >= n) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return list;
    }
};

TEST_P(History, EachResultIsRecordedWithItsReasonAndAnswer) {
    auto app = createApp("shop", p.appUrl);
    std::string secret = app["webhook_secret"];
    auto body = fixture(p.fixture);
    auto deployed = deliverSigned(body, secret, "d-deploy");
    ASSERT_EQ(deployed.status, 202) << deployed.body;
    deliverSigned(body, secret, "d-deploy");  // the provider's redelivery
    deliverSigned(variant([&](json& j) { p.setBranch(j, "feature/login"); }), secret, "d-branch");
    deliverSigned(variant([&](json& j) { p.setMessage(j, "Docs [skip ci]"); }), secret, "d-skip");
    deliver(body, scheme.sign(secret, body), "d-issue", "issues");

    auto list = deliveriesOf(app);
    ASSERT_EQ(list.size(), 5u) << list.dump(2);
    const auto& issue = list[0];
    const auto& skip = list[1];
    const auto& branch = list[2];
    const auto& duplicate = list[3];
    const auto& deploy = list[4];
    EXPECT_EQ(deploy["provider"], p.name);
    EXPECT_EQ(deploy["event"], p.pushEvent);
    EXPECT_EQ(deploy["delivery_id"], "d-deploy");
    EXPECT_EQ(deploy["result"], "deployed");
    EXPECT_EQ(deploy["deployment_id"], json::parse(deployed.body)["deployment_id"]);
    EXPECT_EQ(deploy["ref"], "refs/heads/main");
    EXPECT_EQ(deploy["commit_sha"], p.commit);
    EXPECT_EQ(deploy["http_status"], 202);
    EXPECT_TRUE(deploy["received_at"].is_string());

    EXPECT_EQ(duplicate["result"], "ignored");
    EXPECT_NE(duplicate["reason"].get<std::string>().find("duplicate delivery d-deploy"), std::string::npos) << duplicate;
    EXPECT_EQ(duplicate["http_status"], 200);
    EXPECT_TRUE(duplicate["deployment_id"].is_null());
    EXPECT_EQ(branch["result"], "ignored");
    EXPECT_EQ(branch["reason"], "branch feature/login is not deployed (the app deploys main)");
    EXPECT_EQ(branch["ref"], "refs/heads/feature/login");
    EXPECT_EQ(skip["result"], "ignored");
    EXPECT_NE(skip["reason"].get<std::string>().find("[skip ci]"), std::string::npos) << skip;
    EXPECT_EQ(issue["result"], "ignored");
    EXPECT_EQ(issue["event"], "issues");
    EXPECT_NE(issue["reason"].get<std::string>().find("only pushes do"), std::string::npos) << issue;
    EXPECT_EQ(issue["http_status"], 202);
}

// Auto-deploy off (PUT {"auto_deploy": false}): a verified push is answered and recorded as ignored, with
// the reason, and deploys nothing; on again, the next push deploys.
TEST_P(History, APushToAnAppWithAutoDeployOffIsIgnoredWithTheReason) {
    auto app = createApp("shop", p.appUrl);
    test::HttpRequest put;
    put.method = "PUT";
    put.url = url("/api/apps/" + app["id"].get<std::string>());
    put.headers = {std::string("Authorization: Bearer ") + kAdminToken, "Content-Type: application/json"};
    put.body = R"({"auto_deploy": false})";
    auto changed = test::http(put);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(json::parse(changed.body)["auto_deploy"], false);
    EXPECT_EQ(json::parse(get("/api/apps/shop").body)["auto_deploy"], false);

    auto r = deliverSigned(fixture(p.fixture), app["webhook_secret"], "d-off");
    EXPECT_EQ(r.status, 202) << r.body;
    EXPECT_NE(reasonOf(r).find("auto-deploy is off"), std::string::npos) << r.body;
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
    auto list = deliveriesOf(app);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["result"], "ignored");
    EXPECT_NE(list[0]["reason"].get<std::string>().find("auto-deploy is off"), std::string::npos) << list[0];

    put.body = R"({"auto_deploy": true})";
    ASSERT_EQ(test::http(put).status, 200);
    EXPECT_EQ(deliverSigned(fixture(p.fixture), app["webhook_secret"], "d-on").status, 202);
    EXPECT_EQ(deploymentsOf(app["id"]), 1u);
}

// The payload already says who wrote the commit and why: the deployment shows it before any clone.
TEST_P(History, AWebhookDeploymentHasItsCommitMessageAndAuthorAtOnce) {
    auto app = createApp("shop", p.appUrl);
    auto r = deliverSigned(fixture(p.fixture), app["webhook_secret"]);
    ASSERT_EQ(r.status, 202) << r.body;
    auto d = json::parse(get("/api/deployments/" + json::parse(r.body)["deployment_id"].get<std::string>()).body);
    EXPECT_EQ(d["commit_message"], p.headline);
    EXPECT_EQ(d["commit_author"], p.author);
}

// A mistyped secret on the provider's side shows in the app's history, and the answer is still the one
// an unknown repository gets. Nothing of the unverified body is believed: no ref, no commit.
TEST_P(History, ABadSignatureIsRecordedForTheNamedRepositoryOnly) {
    auto app = createApp("shop", p.appUrl);
    auto elsewhere = createApp("blog", "https://github.com/acme/blog.git");
    auto body = fixture(p.fixture);
    auto forged = deliverSigned(body, "not-the-secret", "d-forged");
    auto unknown = deliverSigned(variant([](json& j) { j.erase("repository"); j.erase("project"); }), "not-the-secret");
    EXPECT_EQ(forged.status, 401);
    EXPECT_EQ(forged.body, unknown.body) << "the answers tell a known repository from an unknown one";
    auto list = waitForDeliveries(app, 1);
    ASSERT_EQ(list.size(), 1u) << list.dump(2);
    EXPECT_EQ(list[0]["result"], "rejected");
    EXPECT_EQ(list[0]["http_status"], 401);
    EXPECT_EQ(list[0]["delivery_id"], "d-forged");
    EXPECT_TRUE(list[0]["ref"].is_null());
    EXPECT_TRUE(list[0]["commit_sha"].is_null());
    EXPECT_NE(list[0]["reason"].get<std::string>().find("does not match this app's webhook secret"), std::string::npos);
    EXPECT_TRUE(deliveriesOf(elsewhere).empty());
}

// Anyone can post forged requests naming a repository: they rotate among a few rows and never push the
// genuine deliveries out of the history.
TEST_P(History, ForgedRequestsCannotFloodTheHistory) {
    auto app = createApp("shop", p.appUrl);
    auto body = fixture(p.fixture);
    ASSERT_EQ(deliverSigned(body, app["webhook_secret"], "genuine").status, 202);
    for (int i = 0; i < 25; ++i) deliverSigned(body, "forged", "forged-" + std::to_string(i));
    auto list = waitForDeliveries(app, 11);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the last queued ones land
    list = deliveriesOf(app);
    EXPECT_EQ(list.size(), 11u) << list.dump(2);
    EXPECT_EQ(list.back()["delivery_id"], "genuine");
    EXPECT_EQ(list.back()["result"], "deployed");
}

// One repository, two apps: the delivery is in the history of the app whose secret signed it, not the other's.
TEST_P(History, EachAppSeesOnlyTheDeliveriesThatReachedIt) {
    auto mine = createApp("shop", p.appUrl);
    auto theirs = createApp("shop-copy", p.appUrl);
    ASSERT_EQ(deliverSigned(fixture(p.fixture), mine["webhook_secret"]).status, 202);
    EXPECT_EQ(deliveriesOf(mine).size(), 1u);
    EXPECT_TRUE(deliveriesOf(theirs).empty());
}

INSTANTIATE_TEST_SUITE_P(Providers, History, ::testing::ValuesIn(providers()),
                         [](const auto& test) { return test.param.name; });

class GithubHistory : public History {};

// The ping GitHub sends when a hook is created proves its secret: recorded as a pong, and announced on
// the event bus (the dashboard's feed) like every recorded delivery.
TEST_P(GithubHistory, APingIsRecordedAndAnnounced) {
    auto app = createApp("shop", p.appUrl);
    std::vector<engine::DeploymentEvent> seen;
    std::mutex m;
    auto sub = engine.events().subscribe("", [&](const engine::DeploymentEvent& e) {
        std::lock_guard lock(m);
        if (e.kind == engine::DeploymentEvent::Kind::WebhookDelivery) seen.push_back(e);
    });
    auto body = fixture("github_ping.json");
    ASSERT_EQ(deliver(body, scheme.sign(app["webhook_secret"], body), "ping-1", "ping").status, 200);
    auto list = deliveriesOf(app);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["result"], "pong");
    EXPECT_EQ(list[0]["event"], "ping");
    EXPECT_EQ(list[0]["http_status"], 200);
    std::lock_guard lock(m);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].appId, app["id"]);
    EXPECT_EQ(seen[0].status, "pong");
}

// A verified push whose head commit is no SHA is a 400 to the provider, and the app's history says why.
TEST_P(GithubHistory, AVerifiedButMalformedPushIsRecordedAsRejected) {
    auto app = createApp("shop", p.appUrl);
    auto body = variant([](json& j) { j["head_commit"]["id"] = "--upload-pack=evil"; j["after"] = "--upload-pack=evil"; });
    auto r = deliverSigned(body, app["webhook_secret"], "d-bad");
    EXPECT_EQ(r.status, 400) << r.body;
    auto list = deliveriesOf(app);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["result"], "rejected");
    EXPECT_EQ(list[0]["http_status"], 400);
    EXPECT_EQ(list[0]["reason"], "the payload's head commit is not a commit SHA");
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

TEST_P(GithubHistory, AnUnknownAppIs404) {
    EXPECT_EQ(get("/api/apps/nope/webhooks/deliveries").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Github, GithubHistory, ::testing::Values(providers()[0]),
                         [](const auto& test) { return test.param.name; });

}  // namespace
}  // namespace rivetr::api::test_webhooks
