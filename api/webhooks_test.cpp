// Webhooks over real HTTP with payloads shaped as GitHub, GitLab, Gitea and Bitbucket send them: a signed push
// deploys exactly its commit; bad or missing signatures, replays, other branches, skip markers and unknown
// repositories deploy nothing, each with the answer the provider's delivery log will show.
#include <gtest/gtest.h>

#include "api/api_server.hpp"
#include "api/route_table.hpp"
#include "core/crypto.hpp"
#include "core/git/source.hpp"
#include "engine/proxy_traffic.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;

constexpr const char* kAdminToken = "admin-token-for-the-webhook-tests-0123";

std::string fixture(const std::string& name) { return test::readFile(std::filesystem::path(RIVETR_WEBHOOK_FIXTURES) / name); }

std::string hmacHex(const std::string& secret, const std::string& body) {
    return crypto::toHex(crypto::hmacSha256(secret, body));
}

// What differs between providers: headers, signature scheme and where a payload keeps its fields.
struct ProviderCase {
    std::string name;
    std::string fixture;
    std::string appUrl;  // the repository as a user typed it into the app (another form than the payload's)
    std::string commit;  // the head commit of the fixture's push
    std::string eventHeader, pushEvent, deliveryHeader;
    std::function<std::vector<std::string>(const std::string& secret, const std::string& body)> sign;
    std::function<void(json&, const std::string&)> setBranch;
    std::function<void(json&, const std::string&)> setMessage;
    bool signsBody = true;  // GitLab's token is a shared secret, not a signature of the body
};

void PrintTo(const ProviderCase& c, std::ostream* os) { *os << c.name; }

std::vector<ProviderCase> providers() {
    return {
        {"github", "github_push.json", "git@github.com:Acme/shop.git", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c",
         "X-GitHub-Event", "push", "X-GitHub-Delivery",
         [](const std::string& s, const std::string& b) {
             return std::vector<std::string>{"X-Hub-Signature-256: sha256=" + hmacHex(s, b)};
         },
         [](json& j, const std::string& b) { j["ref"] = "refs/heads/" + b; },
         [](json& j, const std::string& m) { j["head_commit"]["message"] = m; j["commits"][0]["message"] = m; }},
        {"gitlab", "gitlab_push.json", "https://gitlab.com/acme/shop", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
         "X-Gitlab-Event", "Push Hook", "X-Gitlab-Event-UUID",
         [](const std::string& s, const std::string&) { return std::vector<std::string>{"X-Gitlab-Token: " + s}; },
         [](json& j, const std::string& b) { j["ref"] = "refs/heads/" + b; },
         [](json& j, const std::string& m) { j["commits"][1]["message"] = m; }, false},
        {"gitea", "gitea_push.json", "git@git.example.com:acme/shop.git", "bffeb74224043ba2feb48d137756c8a9331c449a",
         "X-Gitea-Event", "push", "X-Gitea-Delivery",
         [](const std::string& s, const std::string& b) {
             return std::vector<std::string>{"X-Gitea-Signature: " + hmacHex(s, b)};
         },
         [](json& j, const std::string& b) { j["ref"] = "refs/heads/" + b; },
         [](json& j, const std::string& m) { j["head_commit"]["message"] = m; j["commits"][0]["message"] = m; }},
        {"bitbucket", "bitbucket_push.json", "https://ann@bitbucket.org/acme/shop.git",
         "8f5952f4dcffd7b311181d48eb0394b0cca21410", "X-Event-Key", "repo:push", "X-Request-UUID",
         [](const std::string& s, const std::string& b) {
             return std::vector<std::string>{"X-Hub-Signature: sha256=" + hmacHex(s, b)};
         },
         [](json& j, const std::string& b) { j["push"]["changes"][0]["new"]["name"] = b; },
         [](json& j, const std::string& m) { j["push"]["changes"][0]["new"]["target"]["message"] = m; }},
    };
}

class Webhooks : public ::testing::TestWithParam<ProviderCase> {
protected:
    test::TempDir dir;
    std::unique_ptr<store::Store> store = store::Store::open(dir.path());
    ApiContext ctx{*store, *crypto::keyFromHex(std::string(64, 'e')), kAdminToken};
    // A real engine whose container runtime is "down": a queued deployment is recorded and then
    // fails, which is all a webhook's answer depends on.
    std::unique_ptr<git::Source> source = git::makeLibgit2Source([this] {
        git::SourceOptions o;
        o.dataDir = dir.path();
        return o;
    }());
    builders::BuilderRegistry builders{builders::BuildersOptions{}};
    proxy::Proxy proxy{proxy::ProxyOptions{}};
    engine::ProxyTraffic traffic{proxy};
    engine::DeploymentEvents events;
    store::AppStateRepository appState{*store};  // the engine's writer of live/stopped
    engine::Engine engine{{ctx.apps, appState, ctx.env, ctx.deployments, *source, builders, [] {
                               return std::shared_ptr<runtime::ContainerRuntime>();
                           }, traffic, events},
                          {}};
    std::vector<Route> routes = controlRoutes(ctx, {[] { return true; }, [] { return true; }}, &engine);
    int port = test::freePort();
    ApiServer server{{"127.0.0.1", port}, routes, &ctx.auth};
    const ProviderCase& p = GetParam();
    int deliveries = 0;

    void SetUp() override { server.start(); }

    json createApp(const std::string& name, const std::string& gitUrl, const std::string& branch = "main") {
        test::HttpRequest req;
        req.method = "POST";
        req.url = url("/api/apps");
        req.headers = {std::string("Authorization: Bearer ") + kAdminToken, "Content-Type: application/json"};
        req.body = json{{"name", name}, {"git_url", gitUrl}, {"branch", branch}, {"port", 3000}}.dump();
        auto r = test::http(req);
        EXPECT_EQ(r.status, 201) << r.body;
        return json::parse(r.body);
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }

    // Posts `body` as the provider would: its event header, a fresh delivery id unless given, and
    // `auth` as the signature headers.
    test::HttpResponse deliver(const std::string& body, const std::vector<std::string>& auth,
                               std::string delivery = "", std::string event = "") {
        test::HttpRequest req;
        req.method = "POST";
        req.url = url("/webhooks/" + p.name);
        if (delivery.empty()) delivery = "7e2c1f40-12d3-11ef-8f3c-" + std::to_string(100000000000 + ++deliveries);
        req.headers = {"Content-Type: application/json", "User-Agent: " + p.name + "-hookshot",
                       p.eventHeader + ": " + (event.empty() ? p.pushEvent : event), p.deliveryHeader + ": " + delivery};
        req.headers.insert(req.headers.end(), auth.begin(), auth.end());
        req.body = body;
        return test::http(req);
    }
    test::HttpResponse deliverSigned(const std::string& body, const std::string& secret, const std::string& delivery = "") {
        return deliver(body, p.sign(secret, body), delivery);
    }
    std::string variant(const std::function<void(json&)>& change) const {
        auto j = json::parse(fixture(p.fixture));
        change(j);
        return j.dump(2);
    }
    std::size_t deploymentsOf(const std::string& appId) { return ctx.deployments.listForApp(appId, 100).size(); }
    static std::string reasonOf(const test::HttpResponse& r) { return json::parse(r.body, nullptr, false).value("reason", ""); }
};

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
    auto header = p.sign(secret, body)[0];
    std::vector<std::pair<std::string, test::HttpResponse>> attempts{
        {"wrong secret", deliver(body, p.sign(secret + "x", body), "fixed-delivery")},
        {"no signature", deliver(body, {}, "fixed-delivery")},
        {"empty signature", deliver(body, {header.substr(0, header.find(':') + 1)}, "fixed-delivery")},
    };
    if (p.signsBody) attempts.emplace_back("tampered body", deliver(tampered, p.sign(secret, body), "fixed-delivery"));
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

// The 404 is the same whatever the signature, and names nothing that exists.
TEST_P(Webhooks, UnknownRepositoryIs404AndRevealsNothing) {
    auto other = createApp("secret-project", "https://github.com/acme/secret-project.git");
    auto body = fixture(p.fixture);
    auto unsigned_ = deliver(body, {});
    auto signedWithOthers = deliverSigned(body, other["webhook_secret"]);
    EXPECT_EQ(unsigned_.status, 404) << unsigned_.body;
    EXPECT_EQ(signedWithOthers.status, 404);
    EXPECT_EQ(unsigned_.body, signedWithOthers.body);
    for (const auto& leak : std::vector<std::string>{"secret-project", other["id"]}) {
        EXPECT_EQ(unsigned_.body.find(leak), std::string::npos) << unsigned_.body;
    }
    EXPECT_EQ(deploymentsOf(other["id"]), 0u);
}

TEST_P(Webhooks, OtherEventsAre202WithAReason) {
    auto app = createApp("shop", p.appUrl);
    auto r = deliver("{}", p.sign(app["webhook_secret"], "{}"), "", "issues");
    EXPECT_EQ(r.status, 202) << r.body;
    EXPECT_NE(reasonOf(r).find("\"issues\" event does not deploy"), std::string::npos) << r.body;
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

// Fail closed: an app whose secret is empty accepts nothing, not even an HMAC made with the empty key.
TEST_P(Webhooks, AnAppWithoutASecretAcceptsNothing) {
    auto app = createApp("shop", p.appUrl);
    auto record = *ctx.apps.find(app["id"]);
    record.webhookSecret = "";
    ctx.apps.updateSettings(record);
    auto body = fixture(p.fixture);
    auto r = deliver(body, p.sign("", body));
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
    auto r = deliver(body, p.sign(app["webhook_secret"], body), "", "ping");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["status"], "pong");
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
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

TEST_P(GithubWebhook, MalformedDeliveriesAre400) {
    auto app = createApp("shop", p.appUrl);
    test::HttpRequest req;
    req.method = "POST";
    req.url = url("/webhooks/github");
    req.body = fixture(p.fixture);
    auto noEvent = test::http(req);
    EXPECT_EQ(noEvent.status, 400) << noEvent.body;
    EXPECT_EQ(json::parse(noEvent.body)["error"]["field"], "X-GitHub-Event");
    auto notJson = deliverSigned("payload=%7B%7D", app["webhook_secret"]);
    EXPECT_EQ(notJson.status, 400) << notJson.body;
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

INSTANTIATE_TEST_SUITE_P(Github, GithubWebhook, ::testing::Values(providers()[0]),
                         [](const auto& test) { return test.param.name; });

}  // namespace
}  // namespace rivetr::api
