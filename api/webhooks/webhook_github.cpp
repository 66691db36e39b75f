// GitHub webhooks: X-GitHub-Event / X-GitHub-Delivery, X-Hub-Signature-256 over the raw body, push payloads.
#include "api/webhooks/webhook_payload.hpp"
#include "api/webhooks/webhook_signature.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

class GithubProvider : public WebhookProvider {
public:
    std::string name() const override { return "github"; }
    std::string routeSummary() const override {
        return "GitHub push webhook (X-Hub-Signature-256 HMAC over the raw body; deploys the pushed commit)";
    }

    WebhookEvent event(const WebhookRequest& req) const override {
        WebhookEvent e;
        e.name = requireHeader(req, "X-GitHub-Event");
        e.deliveryId = req.header("X-GitHub-Delivery").value_or("");
        if (e.name == "ping") e.kind = WebhookEvent::Kind::ping;
        if (e.name == "push") e.kind = WebhookEvent::Kind::push;
        return e;
    }

    std::vector<std::string> repoUrls(const nlohmann::json& j) const override {
        return urlsAt(j, {"/repository/clone_url", "/repository/html_url", "/repository/ssh_url", "/repository/git_url",
                          "/repository/url", "/repository/svn_url"});
    }

    PushEvent push(const nlohmann::json& j) const override {
        PushEvent p;
        p.ref = text(j, "/ref");
        p.deleted = j.value("deleted", false) || isZeroSha(text(j, "/after"));
        p.commit = text(j, "/head_commit/id");
        if (p.commit.empty()) p.commit = text(j, "/after");
        p.message = text(j, "/head_commit/message");
        if (auto h = j.find("head_commit"); h != j.end() && h->is_object()) p.author = authorOf(*h);
        return p;
    }

    bool verify(const WebhookRequest& req, const std::string& secret) const override {
        return hmacHeaderMatches(req, "X-Hub-Signature-256", "sha256=", secret);
    }
};

}  // namespace

std::unique_ptr<WebhookProvider> makeGithubProvider() { return std::make_unique<GithubProvider>(); }

}  // namespace rivetr::api
