// Webhooks over real HTTP with payloads shaped as GitHub, GitLab, Gitea and Bitbucket send them: a signed push
// deploys exactly its commit; bad or missing signatures, replays, other branches, skip markers and unknown
// repositories deploy nothing, each with the answer the provider's delivery log will show.
#include <gtest/gtest.h>

#include "api/webhooks/webhook_provider_cases.hpp"

namespace rivetr::api::test_webhooks {
namespace {

using nlohmann::json;

TEST_P(Webhooks, SignedPushDeploysExactlyThePushedCommit) {
    auto app = createApp("shop", p.appUrl);
    auto r = deliverSigned(fixture(p.fixture), app["webhook_secret"]);  // the raw file bytes, as sent
    ASSERT_EQ(r.status, 202) << r.body;
    auto id = json::parse(r.body)["deployment_id"].get<std::string>();
    auto d = ctx.deployments.get(id);
    ASSERT_TRUE(d) << "no deployment row for " << id;
    EXPECT_EQ(d->appId, app["id"]);
    EXPECT_EQ(d->trigger, "webhook");
    EXPECT_EQ(d->requestedCommit, p.commit);

    auto audit = ctx.audit.list(10);
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit[0].actorType, "webhook");
    EXPECT_EQ(audit[0].actor, p.name);
    EXPECT_EQ(audit[0].action, "deployment.create");
    EXPECT_EQ(audit[0].targetId, app["id"]);
}

TEST_P(Webhooks, BadOrMissingSignatureIs401AndEnqueuesNothing) {
    auto app = createApp("shop", p.appUrl);
    std::string secret = app["webhook_secret"];
    auto body = fixture(p.fixture);
    auto tampered = body;
    tampered.replace(tampered.find(p.commit), 7, "0000000");
    auto header = scheme.sign(secret, body)[0];
    std::vector<std::pair<std::string, test::HttpResponse>> attempts{
        {"wrong secret", deliver(body, scheme.sign(secret + "x", body), "fixed-delivery")},
        {"no signature", deliver(body, {}, "fixed-delivery")},
        {"empty signature", deliver(body, {header.substr(0, header.find(':') + 1)}, "fixed-delivery")},
    };
    if (p.signsBody) attempts.emplace_back("tampered body", deliver(tampered, scheme.sign(secret, body), "fixed-delivery"));
    for (const auto& [what, r] : attempts) {
        EXPECT_EQ(r.status, 401) << what << ": " << r.body;
        EXPECT_EQ(json::parse(r.body, nullptr, false)["error"]["code"], "unauthorized") << what;
    }
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
    // A rejected delivery left no trace: the genuine one with the same id still deploys.
    EXPECT_EQ(deliverSigned(body, secret, "fixed-delivery").status, 202);
}

TEST_P(Webhooks, ReplayedDeliveryIsADuplicateAndDeploysNothing) {
    auto app = createApp("shop", p.appUrl);
    auto body = fixture(p.fixture);
    ASSERT_EQ(deliverSigned(body, app["webhook_secret"], "delivery-42").status, 202);
    auto replay = deliverSigned(body, app["webhook_secret"], "delivery-42");
    EXPECT_EQ(replay.status, 200) << replay.body;
    EXPECT_EQ(json::parse(replay.body)["status"], "duplicate");
    EXPECT_NE(reasonOf(replay).find("duplicate delivery"), std::string::npos) << replay.body;
    EXPECT_EQ(deploymentsOf(app["id"]), 1u);
}

TEST_P(Webhooks, PushToAnotherBranchIsNotDeployed) {
    auto app = createApp("shop", p.appUrl);
    auto r = deliverSigned(variant([&](json& j) { p.setBranch(j, "feature/login"); }), app["webhook_secret"]);
    EXPECT_EQ(r.status, 202) << r.body;
    EXPECT_EQ(reasonOf(r), "branch feature/login is not deployed");
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

TEST_P(Webhooks, SkipMarkerInTheHeadCommitIsHonoured) {
    auto app = createApp("shop", p.appUrl);
    for (const char* message : {"Fix typo [skip ci]", "[CI SKIP] docs", "Tidy up\n\n[skip deploy]\n"}) {
        auto r = deliverSigned(variant([&](json& j) { p.setMessage(j, message); }), app["webhook_secret"]);
        EXPECT_EQ(r.status, 202) << message << ": " << r.body;
        EXPECT_EQ(json::parse(r.body)["status"], "skipped") << message;
    }
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

// An unknown repository answers exactly as a bad signature does (else anyone could probe which
// repositories this server deploys), and names nothing that exists.
TEST_P(Webhooks, UnknownRepositoryIs401AndRevealsNothing) {
    auto other = createApp("secret-project", "https://github.com/acme/secret-project.git");
    auto body = fixture(p.fixture);
    auto unsigned_ = deliver(body, {});
    auto signedWithOthers = deliverSigned(body, other["webhook_secret"]);
    auto shop = createApp("shop", p.appUrl);
    auto badSignature = deliverSigned(body, other["webhook_secret"]);
    EXPECT_EQ(unsigned_.status, 401) << unsigned_.body;
    for (const auto& r : {signedWithOthers, badSignature}) {
        EXPECT_EQ(r.status, unsigned_.status);
        EXPECT_EQ(r.body, unsigned_.body);
    }
    for (const auto& leak : std::vector<std::string>{"secret-project", other["id"]}) {
        EXPECT_EQ(unsigned_.body.find(leak), std::string::npos) << unsigned_.body;
    }
    EXPECT_EQ(deploymentsOf(other["id"]) + deploymentsOf(shop["id"]), 0u);
}

TEST_P(Webhooks, OtherEventsAre202WithAReason) {
    auto app = createApp("shop", p.appUrl);
    auto body = fixture(p.fixture);
    auto r = deliver(body, scheme.sign(app["webhook_secret"], body), "", "issues");
    EXPECT_EQ(r.status, 202) << r.body;
    EXPECT_NE(reasonOf(r).find("\"issues\" event does not deploy"), std::string::npos) << r.body;
    auto forged = deliver(body, scheme.sign("not-the-secret", body), "", "issues");
    EXPECT_EQ(forged.status, 401) << "an event that deploys nothing is verified all the same: " << forged.body;
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

// Fail closed: an app whose secret is empty accepts nothing, not even an HMAC made with the empty key.
TEST_P(Webhooks, AnAppWithoutASecretAcceptsNothing) {
    auto app = createApp("shop", p.appUrl);
    auto record = *ctx.apps.find(app["id"]);
    record.webhookSecret = "";
    ctx.apps.updateSettings(record);
    auto body = fixture(p.fixture);
    auto r = deliver(body, scheme.sign("", body));
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

// Two apps of one repository: only the one whose secret signed the push deploys.
TEST_P(Webhooks, OnlyTheAppWhoseSecretSignedDeploys) {
    auto mine = createApp("shop", p.appUrl);
    auto theirs = createApp("shop-copy", p.appUrl);
    auto r = deliverSigned(fixture(p.fixture), mine["webhook_secret"]);
    ASSERT_EQ(r.status, 202) << r.body;
    EXPECT_EQ(deploymentsOf(mine["id"]), 1u);
    EXPECT_EQ(deploymentsOf(theirs["id"]), 0u);
}

// [auth] webhook_secret: one secret for a whole organisation signs for every app of the repository;
// the apps' own secrets keep working, and anything else is still refused.
TEST_P(Webhooks, TheGlobalSecretSignsForEveryAppOfTheRepository) {
    ctx.webhookSecret = "org-wide-secret-0123456789";
    auto a = createApp("shop", p.appUrl);
    auto b = createApp("shop-copy", p.appUrl);
    auto body = fixture(p.fixture);
    auto r = deliverSigned(body, ctx.webhookSecret);
    ASSERT_EQ(r.status, 202) << r.body;
    EXPECT_EQ(deploymentsOf(a["id"]), 1u);
    EXPECT_EQ(deploymentsOf(b["id"]), 1u);
    EXPECT_EQ(deliverSigned(body, a["webhook_secret"]).status, 202) << "the app's own secret stopped working";
    EXPECT_EQ(deliverSigned(body, "org-wide-secret-0123456789x").status, 401);
    EXPECT_EQ(deploymentsOf(b["id"]), 1u);
}

INSTANTIATE_TEST_SUITE_P(Providers, Webhooks, ::testing::ValuesIn(providers()),
                         [](const auto& test) { return test.param.name; });

// Provider-specific answers, shown with GitHub's payloads.
class GithubWebhook : public Webhooks {};

TEST_P(GithubWebhook, PingIsAnswered200WithoutDeploying) {
    auto app = createApp("shop", p.appUrl);
    auto body = fixture("github_ping.json");
    auto r = deliver(body, scheme.sign(app["webhook_secret"], body), "", "ping");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["status"], "pong");
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

// A ping is GitHub's check of the hook's secret: a mistyped one must show red at once, not at the first push.
TEST_P(GithubWebhook, PingWithAWrongSignatureIs401) {
    auto app = createApp("shop", p.appUrl);
    auto body = fixture("github_ping.json");
    auto r = deliver(body, scheme.sign(app["webhook_secret"].get<std::string>() + "typo", body), "", "ping");
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(deliver(body, {}, "", "ping").status, 401);
}

TEST_P(GithubWebhook, DeletedBranchIsIgnored) {
    auto app = createApp("shop", p.appUrl);
    auto body = variant([](json& j) {
        j["deleted"] = true;
        j["after"] = std::string(40, '0');
        j["head_commit"] = nullptr;
        j["commits"] = json::array();
    });
    auto r = deliverSigned(body, app["webhook_secret"]);
    EXPECT_EQ(r.status, 202) << r.body;
    EXPECT_EQ(reasonOf(r), "branch main was deleted; nothing to deploy");
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

// A request that is no delivery of the provider at all (no event header, a form-encoded body) is a 400
// naming what to fix, whatever its signature: that answer is the same on every server and tells nothing
// about its apps. A body that is not JSON names no repository, so only the global secret can verify it.
TEST_P(GithubWebhook, MalformedDeliveriesAre400) {
    auto app = createApp("shop", p.appUrl);
    test::HttpRequest req;
    req.method = "POST";
    req.url = url("/webhooks/github");
    req.body = fixture(p.fixture);
    auto noEvent = test::http(req);
    EXPECT_EQ(noEvent.status, 400) << noEvent.body;
    EXPECT_EQ(json::parse(noEvent.body)["error"]["field"], "X-GitHub-Event");
    req.headers = {"X-GitHub-Event: push", "Content-Type: application/x-www-form-urlencoded"};
    req.body = "payload=%7B%7D";
    auto form = test::http(req);
    EXPECT_EQ(form.status, 400) << form.body;
    EXPECT_EQ(json::parse(form.body)["error"]["field"], "Content-Type");
    EXPECT_EQ(deliverSigned("not json", app["webhook_secret"]).status, 401);
    ctx.webhookSecret = "org-wide-secret-0123456789";
    auto notJson = deliverSigned("not json", ctx.webhookSecret);
    EXPECT_EQ(notJson.status, 400) << notJson.body;
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

INSTANTIATE_TEST_SUITE_P(Github, GithubWebhook, ::testing::Values(providers()[0]),
                         [](const auto& test) { return test.param.name; });

}  // namespace
}  // namespace rivetr::api::test_webhooks
