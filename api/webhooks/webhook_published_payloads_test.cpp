// The providers' own published example payloads (api/testdata/webhooks/published), replayed byte for byte:
// a push deploys exactly one deployment per app with the pushed SHA visible at once, every other event
// enqueues nothing, and a wrong signature is 401 for every event, whether or not the repository is known.
#include <gtest/gtest.h>

#include "api/webhooks/webhook_test_harness.hpp"

namespace rivetr::api::test_webhooks {
namespace {

using nlohmann::json;

struct Example {
    std::string provider;
    std::string file;    // under published/
    std::string event;   // the event header's value the provider sends with it
    std::string branch;  // the branch its apps deploy: the pushed one, else one the event names
    std::string pushed;  // the commit a push deploys; "" when the event deploys nothing
};

void PrintTo(const Example& e, std::ostream* os) { *os << e.provider << " " << e.file; }

std::vector<Example> examples() {
    return {
        {"github", "github/push/with-new-branch.payload.json", "push", "master", "6113728f27ae82c7b1a177c8d03f9e96e0adf246"},
        {"github", "github/push/payload.json", "push", "master", ""},  // deletes tag simple-tag
        {"github", "github/ping/payload.json", "ping", "master", ""},
        {"github", "github/pull_request/opened.payload.json", "pull_request", "master", ""},
        {"github", "github/create/payload.json", "create", "master", ""},
        {"github", "github/delete/payload.json", "delete", "master", ""},
        {"gitlab", "gitlab/push_hook.json", "Push Hook", "master", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7"},
        {"gitlab", "gitlab/tag_push_hook.json", "Tag Push Hook", "master", ""},
        {"gitlab", "gitlab/merge_request_hook.json", "Merge Request Hook", "master", ""},
        {"gitea", "gitea/push.json", "push", "develop", "bffeb74224043ba2feb48d137756c8a9331c449a"},
        {"gitea", "gitea/create-event.json", "create", "master", ""},
        {"gitea", "gitea/delete-event.json", "delete", "example3", ""},
        {"gitea", "gitea/pull-request-event.json", "pull_request", "master", ""},
        {"bitbucket", "bitbucket/repo-push.json", "repo:push", "name-of-branch", "709d658dc5b6d6afcd46049c2f332ee3f515a67d"},
        {"bitbucket", "bitbucket/pull-request-created.json", "pullrequest:created", "master", ""},
    };
}

// The repository's clone URL where each provider's payloads name it: the apps are created with it,
// as https:// (the examples' servers speak http://; a push names the same repository either way).
std::string repositoryUrl(const std::string& provider, const json& j) {
    const char* pointer = provider == "gitlab"      ? "/project/git_http_url"
                          : provider == "bitbucket" ? "/repository/links/html/href"
                                                    : "/repository/clone_url";
    auto url = j.at(json::json_pointer(pointer)).get<std::string>();
    return url.rfind("http://", 0) == 0 ? "https://" + url.substr(7) : url;
}

class PublishedPayload : public ::testing::TestWithParam<Example>, protected WebhookServer {
protected:
    const Example& e = GetParam();
    const std::string body = test::readFile(std::filesystem::path(RIVETR_WEBHOOK_FIXTURES) / "published" / e.file);
    const std::string repo = repositoryUrl(e.provider, json::parse(body));
    const ProviderScheme scheme = schemeOf(e.provider);

    test::HttpResponse deliver(const std::string& payload, const std::vector<std::string>& auth,
                               const std::string& delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958") {
        return post(e.provider, e.event, delivery, payload, auth);
    }
    static std::string errorCode(const test::HttpResponse& r) {
        return json::parse(r.body, nullptr, false).value("/error/code"_json_pointer, std::string());
    }
};

// A monorepo: two apps of the repository, a hook each. The provider sends one delivery id to both
// hooks; each app deploys once, and the pushed commit shows from the moment it is enqueued.
TEST_P(PublishedPayload, APushDeploysEachAppOnceWithThePushedCommit) {
    auto web = createApp("web", repo, e.branch);
    auto worker = createApp("worker", repo, e.branch);
    for (const auto& app : {web, worker}) {
        auto r = deliver(body, scheme.sign(app["webhook_secret"], body));
        if (e.pushed.empty()) {
            EXPECT_EQ(r.status, e.event == "ping" ? 200 : 202) << r.body;
            continue;
        }
        ASSERT_EQ(r.status, 202) << app["name"] << ": " << r.body;
        auto id = json::parse(r.body)["deployment_id"].get<std::string>();
        auto shown = get("/api/deployments/" + id);
        EXPECT_EQ(json::parse(shown.body)["commit_sha"], e.pushed) << shown.body;
        auto listed = json::parse(get("/api/apps/" + app["id"].get<std::string>() + "/deployments").body);
        ASSERT_EQ(listed.size(), 1u) << listed.dump();
        EXPECT_EQ(listed[0]["commit_sha"], e.pushed) << listed.dump();
    }
    std::size_t expected = e.pushed.empty() ? 0 : 1;
    EXPECT_EQ(deploymentsOf(web["id"]), expected);
    EXPECT_EQ(deploymentsOf(worker["id"]), expected);
    // The provider's redelivery to the first hook is a duplicate.
    auto again = deliver(body, scheme.sign(web["webhook_secret"], body));
    if (!e.pushed.empty()) {
        EXPECT_EQ(again.status, 200) << again.body;
    }
    EXPECT_EQ(deploymentsOf(web["id"]), expected) << again.body;
}

TEST_P(PublishedPayload, AWrongSignatureIs401AndEnqueuesNothing) {
    auto app = createApp("web", repo, e.branch);
    std::string secret = app["webhook_secret"];
    auto truncated = body.substr(0, body.size() / 2);
    std::vector<std::pair<std::string, test::HttpResponse>> attempts{
        {"wrong secret", deliver(body, scheme.sign(secret + "x", body))},
        {"no signature", deliver(body, {})},
        {"truncated body", deliver(truncated, scheme.sign(secret, body))},
        {"truncated body, signed as sent", deliver(truncated, scheme.sign(secret, truncated))},
    };
    for (const auto& [what, r] : attempts) {
        EXPECT_EQ(r.status, 401) << what << ": " << r.body;
        EXPECT_EQ(errorCode(r), "unauthorized") << what << ": " << r.body;
    }
    EXPECT_EQ(deploymentsOf(app["id"]), 0u);
}

// Probing: a repository this server does not deploy answers exactly as a wrong signature does.
TEST_P(PublishedPayload, AnUnknownRepositoryAnswersAsAWrongSignature) {
    auto other = createApp("other", "https://github.com/acme/other.git");
    auto unknown = deliver(body, scheme.sign(other["webhook_secret"], body));
    auto app = createApp("web", repo, e.branch);
    auto wrong = deliver(body, scheme.sign(other["webhook_secret"], body));
    EXPECT_EQ(unknown.status, 401) << unknown.body;
    EXPECT_EQ(unknown.status, wrong.status);
    EXPECT_EQ(unknown.body, wrong.body);
    EXPECT_EQ(deploymentsOf(app["id"]) + deploymentsOf(other["id"]), 0u);
}

INSTANTIATE_TEST_SUITE_P(Examples, PublishedPayload, ::testing::ValuesIn(examples()), [](const auto& test) {
    std::string name = test.param.provider + "_" + test.param.file.substr(test.param.file.find('/') + 1);
    for (auto& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return name;
});

}  // namespace
}  // namespace rivetr::api::test_webhooks
