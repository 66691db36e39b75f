// GitLab webhooks: X-Gitlab-Event "Push Hook", X-Gitlab-Event-UUID, the X-Gitlab-Token secret, push payloads.
#include "api/webhooks/webhook_payload.hpp"
#include "api/webhooks/webhook_signature.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

class GitlabProvider : public WebhookProvider {
public:
    std::string name() const override { return "gitlab"; }
    std::string routeSummary() const override {
        return "GitLab push webhook (X-Gitlab-Token; deploys the pushed commit)";
    }

    WebhookEvent event(const WebhookRequest& req) const override {
        WebhookEvent e;
        e.name = requireHeader(req, "X-Gitlab-Event");
        e.deliveryId = req.header("X-Gitlab-Event-UUID").value_or("");
        if (e.name == "Push Hook") e.kind = WebhookEvent::Kind::push;
        return e;
    }

    std::vector<std::string> repoUrls(const nlohmann::json& j) const override {
        return urlsAt(j, {"/project/git_http_url", "/project/git_ssh_url", "/project/web_url", "/repository/git_http_url",
                          "/repository/git_ssh_url", "/repository/homepage"});
    }

    PushEvent push(const nlohmann::json& j) const override {
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

    bool verify(const WebhookRequest& req, const std::string& secret) const override {
        return tokenHeaderMatches(req, "X-Gitlab-Token", secret);
    }
};

}  // namespace

std::unique_ptr<WebhookProvider> makeGitlabProvider() { return std::make_unique<GitlabProvider>(); }

}  // namespace rivetr::api
