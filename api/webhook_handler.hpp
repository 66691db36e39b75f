// The one webhook flow every provider shares: find the apps, verify, de-duplicate, filter, deploy the pushed commit.
#pragma once

#include "api/api_context.hpp"
#include "api/webhook_provider.hpp"
#include "engine/engine.hpp"
#include "store/webhook_delivery_repository.hpp"

namespace rivetr::api {

class WebhookHandler {
public:
    WebhookHandler(ApiContext& ctx, engine::Engine& engine) : ctx_(ctx), engine_(engine), deliveries_(ctx.store) {}

    // Ping → 200; other events → 202 with the reason; an unknown repository → 404 and a bad or
    // missing signature → 401 (nothing recorded, nothing enqueued); a replayed delivery id → 200
    // "duplicate"; another branch, a deleted branch or a skip marker → 202 with the reason; a
    // push to an app's branch → 202 with the deployment of exactly the pushed commit.
    Reply handle(const WebhookProvider& provider, const WebhookRequest& req, const RequestContext& rc);

private:
    Reply handlePush(const WebhookProvider& provider, const WebhookRequest& req, const WebhookEvent& event,
                     const RequestContext& rc);
    // Apps whose git_url names one of the payload's repository URLs.
    std::vector<store::AppRecord> appsFor(const PushEvent& push);
    Reply deploy(const WebhookProvider& provider, const WebhookEvent& event, const std::vector<store::AppRecord>& apps,
                 const RequestContext& rc);

    ApiContext& ctx_;
    engine::Engine& engine_;
    store::WebhookDeliveryRepository deliveries_;
};

}  // namespace rivetr::api
