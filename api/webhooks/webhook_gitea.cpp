// Gitea (and Forgejo) webhooks: X-Gitea-Event / X-Gitea-Delivery, hex HMAC-SHA256 in X-Gitea-Signature, push payloads.
#include "api/webhooks/webhook_payload.hpp"
#include "api/webhooks/webhook_signature.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

// Gitea before 1.16 sends no head_commit; then the head is the commit whose id is "after".
const nlohmann::json* headCommit(const nlohmann::json& j, const std::string& head) {
    auto h = j.find("head_commit");
    if (h != j.end() && h->is_object() && !text(*h, "/message").empty()) return &*h;
    return commitById(j, head);
}

class GiteaProvider : public WebhookProvider {
public:
    std::string name() const override { return "gitea"; }
    std::string routeSummary() const override {
        return "Gitea push webhook (X-Gitea-Signature HMAC; deploys the pushed commit)";
    }

    WebhookEvent event(const WebhookRequest& req) const override {
        WebhookEvent e;
        e.name = requireHeader(req, "X-Gitea-Event");
        e.deliveryId = req.header("X-Gitea-Delivery").value_or("");
        if (e.name == "push") e.kind = WebhookEvent::Kind::push;
        return e;
    }

    std::vector<std::string> repoUrls(const nlohmann::json& j) const override {
        return urlsAt(j, {"/repository/clone_url", "/repository/html_url", "/repository/ssh_url"});
    }

    PushEvent push(const nlohmann::json& j) const override {
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

    bool verify(const WebhookRequest& req, const std::string& secret) const override {
        return hmacHeaderMatches(req, "X-Gitea-Signature", "", secret);
    }
};

}  // namespace

std::unique_ptr<WebhookProvider> makeGiteaProvider() { return std::make_unique<GiteaProvider>(); }

}  // namespace rivetr::api
