// GitLab webhooks: X-Gitlab-Event "Push Hook", X-Gitlab-Event-UUID, the X-Gitlab-Token secret, push payloads.
#include "api/webhooks/webhook_payload.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

PushEvent gitlabPush(const nlohmann::json& j) {
    PushEvent p;
    p.ref = text(j, "/ref");
    p.commit = text(j, "/checkout_sha");
    if (p.commit.empty()) p.commit = text(j, "/after");
    p.deleted = isZeroSha(text(j, "/after"));
    // GitLab lists up to 20 commits, oldest first; the head is the one the push checked out.
    if (const auto* head = commitById(j, p.commit)) {
        p.message = text(*head, "/message");
        p.author = authorOf(*head);
    }
    return p;
}

}  // namespace

std::unique_ptr<WebhookProvider> makeGitlabProvider() {
    return describedProvider({"gitlab", "GitLab push webhook (X-Gitlab-Token; deploys the pushed commit)",
                              {"X-Gitlab-Event", "X-Gitlab-Event-UUID", "Push Hook"},
                              {"/project/git_http_url", "/project/git_ssh_url", "/project/web_url",
                               "/repository/git_http_url", "/repository/git_ssh_url", "/repository/homepage"},
                              {SignatureScheme::Kind::token, "X-Gitlab-Token"}, gitlabPush});
}

}  // namespace rivetr::api
