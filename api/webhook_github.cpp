// GitHub webhooks: X-GitHub-Event / X-GitHub-Delivery, X-Hub-Signature-256 over the raw body, push payloads.
#include "api/webhook_payload.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

class GithubProvider : public WebhookProvider {
public:
    std::string name() const override { return "github"; }

    WebhookEvent parse(const WebhookRequest& req) const override {
        WebhookEvent e;
        e.name = requireHeader(req, "X-GitHub-Event");
        e.deliveryId = req.header("X-GitHub-Delivery").value_or("");
        if (e.name == "ping") e.kind = WebhookEvent::Kind::ping;
        if (e.name != "push") return e;
        e.kind = WebhookEvent::Kind::push;
        auto j = parseBody(req);
        auto& p = e.push;
        p.ref = text(j, "/ref");
        p.deleted = j.value("deleted", false) || isZeroSha(text(j, "/after"));
        p.commit = text(j, "/head_commit/id");
        if (p.commit.empty()) p.commit = text(j, "/after");
        p.message = text(j, "/head_commit/message");
        for (const char* field : {"clone_url", "html_url", "ssh_url", "git_url", "url", "svn_url"}) {
            addUrl(p.repoUrls, text(j, (std::string("/repository/") + field).c_str()));
        }
        return e;
    }

    bool verify(const WebhookRequest& req, const std::string& secret) const override {
        return hmacHeaderMatches(req, "X-Hub-Signature-256", "sha256=", secret);
    }
};

}  // namespace

std::unique_ptr<WebhookProvider> makeGithubProvider() { return std::make_unique<GithubProvider>(); }

}  // namespace rivetr::api
