// GitHub webhooks: X-GitHub-Event / X-GitHub-Delivery, X-Hub-Signature-256 over the raw body, push payloads.
#include "api/webhooks/webhook_payload.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

PushEvent githubPush(const nlohmann::json& j) {
    PushEvent p;
    p.ref = text(j, "/ref");
    p.deleted = j.value("deleted", false) || isZeroSha(text(j, "/after"));
    p.commit = text(j, "/head_commit/id");
    if (p.commit.empty()) p.commit = text(j, "/after");
    p.message = text(j, "/head_commit/message");
    if (auto h = j.find("head_commit"); h != j.end() && h->is_object()) p.author = authorOf(*h);
    return p;
}

}  // namespace

std::unique_ptr<WebhookProvider> makeGithubProvider() {
    return describedProvider(
        {"github", "GitHub push webhook (X-Hub-Signature-256 HMAC over the raw body; deploys the pushed commit)",
         {"X-GitHub-Event", "X-GitHub-Delivery", "push", "ping"},
         {"/repository/clone_url", "/repository/html_url", "/repository/ssh_url", "/repository/git_url",
          "/repository/url", "/repository/svn_url"},
         {SignatureScheme::Kind::hmacSha256, "X-Hub-Signature-256", "sha256="}, githubPush});
}

}  // namespace rivetr::api
