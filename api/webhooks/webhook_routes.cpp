// The public webhook routes, POST /webhooks/{github,gitlab,gitea,bitbucket}: verified by signature, never by token.
#include "api/webhooks/webhook_routes.hpp"

#include <memory>

#include "api/webhooks/webhook_handler.hpp"

namespace rivetr::api {
namespace {

WebhookRequest requestOf(const Pistache::Rest::Request& req) {
    auto ct = req.headers().tryGet<Pistache::Http::Header::ContentType>();
    return {[&req](const std::string& name) -> std::optional<std::string> {
                auto h = req.headers().tryGetRaw(name);
                return h ? std::optional<std::string>(h->value()) : std::nullopt;
            },
            ct ? ct->mime().toString() : std::string(), req.body()};
}

}  // namespace

std::vector<Route> webhookRoutes(WebhooksDeps& ctx, engine::Engine& engine) {
    auto handler = std::make_shared<WebhookHandler>(ctx, engine);
    std::vector<Route> routes;
    using Factory = std::unique_ptr<WebhookProvider> (*)();
    for (Factory make : {&makeGithubProvider, &makeGitlabProvider, &makeGiteaProvider, &makeBitbucketProvider}) {
        std::shared_ptr<const WebhookProvider> provider = make();
        routes.push_back({Method::Post, "/webhooks/" + provider->name(), std::nullopt,
                          {provider->routeSummary(), "webhooks", "Object", 202, "Object"},
                          [handler, provider](const Pistache::Rest::Request& req, RequestContext& rc) {
                              return handler->handle(*provider, requestOf(req), rc);
                          }});
    }
    return routes;
}

}  // namespace rivetr::api
