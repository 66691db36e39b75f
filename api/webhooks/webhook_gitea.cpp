// Gitea (and Forgejo) webhooks: X-Gitea-Event / X-Gitea-Delivery, hex HMAC-SHA256 in X-Gitea-Signature, push payloads.
#include "api/webhooks/webhook_payload.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

// Gitea before 1.16 sends no head_commit; then the head is the commit whose id is "after".
const nlohmann::json* headCommit(const nlohmann::json& j, const std::string& head) {
    auto h = j.find("head_commit");
    if (h != j.end() && h->is_object() && !text(*h, "/message").empty()) return &*h;
    return commitById(j, head);
}

PushEvent giteaPush(const nlohmann::json& j) {
    PushEvent p;
    p.ref = text(j, "/ref");
    p.commit = text(j, "/after");
    p.deleted = isZeroSha(p.commit);
    if (const auto* head = headCommit(j, p.commit)) {
        p.message = text(*head, "/message");
        p.author = authorOf(*head);
    }
    return p;
}

}  // namespace

std::unique_ptr<WebhookProvider> makeGiteaProvider() {
    return describedProvider({"gitea", "Gitea push webhook (X-Gitea-Signature HMAC; deploys the pushed commit)",
                              {"X-Gitea-Event", "X-Gitea-Delivery", "push"},
                              {"/repository/clone_url", "/repository/html_url", "/repository/ssh_url"},
                              {SignatureScheme::Kind::hmacSha256, "X-Gitea-Signature"}, giteaPush});
}

}  // namespace rivetr::api
