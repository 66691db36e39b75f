// The one webhook flow every provider shares: verify, find the signed apps, filter, de-duplicate, deploy the pushed commit.
#pragma once

#include <optional>

#include "api/api_context.hpp"
#include "api/webhook_provider.hpp"
#include "engine/engine.hpp"
#include "store/webhook_delivery_repository.hpp"

namespace rivetr::api {

class WebhookHandler {
public:
    WebhookHandler(ApiContext& ctx, engine::Engine& engine) : ctx_(ctx), engine_(engine), deliveries_(ctx.store) {}

    // Every event is verified before anything in it is acted on. A request that is no delivery of
    // the provider at all (no event header, a form body) → 400 naming what to fix. Then, for every
    // event: a signature that verifies for no app of the payload's repository and a repository no
    // app deploys get the same 401 (nothing recorded, nothing enqueued). Verified: a body that is
    // not JSON → 400; ping → 200; other events → 202 with the reason; another branch, a deleted
    // branch or a skip marker → 202 with the reason; a delivery id already deployed for every app
    // → 200 "duplicate"; a push to an app's branch → 202 with the deployment of exactly the pushed
    // commit for each signed app.
    Reply handle(const WebhookProvider& provider, const WebhookRequest& req, const RequestContext& rc);

private:
    // The apps of the payload's repository whose own secret signed the request (every app of it
    // when the global secret did); nullopt when nothing verifies the request.
    std::optional<std::vector<store::AppRecord>> signedApps(const WebhookProvider& provider, const WebhookRequest& req,
                                                            const nlohmann::json& body);
    // Apps whose git_url names one of `urls`.
    std::vector<store::AppRecord> appsFor(const std::vector<std::string>& urls);
    Reply handlePush(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                     std::vector<store::AppRecord> apps, const RequestContext& rc);
    // The apps this delivery has not deployed yet, each claimed for (delivery id, app): a provider
    // sends one delivery id to every hook of an event, one hook per app.
    std::vector<store::AppRecord> claimNew(const WebhookProvider& provider, const WebhookEvent& event,
                                           std::vector<store::AppRecord> apps);
    Reply deploy(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                 const std::vector<store::AppRecord>& apps, const RequestContext& rc);
    void audit(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
               const store::AppRecord& app, const std::string& deploymentId, const RequestContext& rc);

    ApiContext& ctx_;
    engine::Engine& engine_;
    store::WebhookDeliveryRepository deliveries_;
};

}  // namespace rivetr::api
