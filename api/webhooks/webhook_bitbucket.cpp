// Bitbucket Cloud webhooks: X-Event-Key repo:push, X-Request-UUID, X-Hub-Signature "sha256=" HMAC, push.changes payloads.
#include "api/webhooks/webhook_payload.hpp"
#include "api/webhooks/webhook_signature.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

// One Bitbucket push may carry several ref changes; the first that moves a branch is the one
// deployed (a `git push --all` that moves two deployed branches deploys only the first).
const nlohmann::json* branchChange(const nlohmann::json& j) {
    if (!j.contains("/push/changes"_json_pointer) || !j.at("/push/changes"_json_pointer).is_array()) return nullptr;
    const auto& list = j.at("/push/changes"_json_pointer);
    for (const auto& c : list) {
        if (c.is_object() && text(c, "/new/type") == "branch") return &c;
    }
    for (const auto& c : list) {
        if (c.is_object() && text(c, "/old/type") == "branch") return &c;  // a deleted branch
    }
    return nullptr;
}

class BitbucketProvider : public WebhookProvider {
public:
    std::string name() const override { return "bitbucket"; }
    std::string routeSummary() const override {
        return "Bitbucket Cloud push webhook (X-Hub-Signature HMAC; deploys the pushed commit)";
    }

    WebhookEvent event(const WebhookRequest& req) const override {
        WebhookEvent e;
        e.name = requireHeader(req, "X-Event-Key");
        e.deliveryId = req.header("X-Request-UUID").value_or("");
        if (e.name == "diagnostics:ping") e.kind = WebhookEvent::Kind::ping;
        if (e.name == "repo:push") e.kind = WebhookEvent::Kind::push;
        return e;
    }

    std::vector<std::string> repoUrls(const nlohmann::json& j) const override {
        return urlsAt(j, {"/repository/links/html/href"});
    }

    PushEvent push(const nlohmann::json& j) const override {
        PushEvent p;
        const auto* change = branchChange(j);
        if (!change) return p;  // a tag push: no branch, nothing to deploy
        const auto& c = *change;
        p.deleted = !c.contains("new") || c.at("new").is_null();
        p.ref = "refs/heads/" + text(c, p.deleted ? "/old/name" : "/new/name");
        p.commit = text(c, "/new/target/hash");
        p.message = text(c, "/new/target/message");
        p.author = text(c, "/new/target/author/raw");  // already "Name <email>"
        return p;
    }

    bool verify(const WebhookRequest& req, const std::string& secret) const override {
        return hmacHeaderMatches(req, "X-Hub-Signature", "sha256=", secret);
    }
};

}  // namespace

std::unique_ptr<WebhookProvider> makeBitbucketProvider() { return std::make_unique<BitbucketProvider>(); }

}  // namespace rivetr::api
