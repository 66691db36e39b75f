// The one WebhookProvider implementation: each provider is a WebhookProviderSpec of what sets it apart.
#include "api/webhooks/webhook_payload.hpp"
#include "api/webhooks/webhook_signature.hpp"

namespace rivetr::api {
namespace {

class DescribedProvider : public WebhookProvider {
public:
    explicit DescribedProvider(WebhookProviderSpec spec) : spec_(std::move(spec)) {}
    std::string name() const override { return spec_.name; }
    std::string routeSummary() const override { return spec_.routeSummary; }
    WebhookEvent event(const WebhookRequest& req) const override { return webhook::eventFrom(req, spec_.headers); }
    std::vector<std::string> repoUrls(const nlohmann::json& body) const override {
        return webhook::urlsAt(body, spec_.repoUrlPointers);
    }
    PushEvent push(const nlohmann::json& body) const override { return spec_.push(body); }
    bool verify(const WebhookRequest& req, const std::string& secret) const override {
        const auto& s = spec_.signature;
        return s.kind == SignatureScheme::Kind::token ? webhook::tokenHeaderMatches(req, s.header, secret)
                                                      : webhook::hmacHeaderMatches(req, s.header, s.prefix, secret);
    }

private:
    WebhookProviderSpec spec_;
};

}  // namespace

std::unique_ptr<WebhookProvider> describedProvider(WebhookProviderSpec spec) {
    return std::make_unique<DescribedProvider>(std::move(spec));
}

}  // namespace rivetr::api
