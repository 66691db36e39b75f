// The one webhook flow every provider shares: verify, find the signed apps, filter, de-duplicate, deploy the pushed commit.
#pragma once

#include <optional>

#include "api/webhooks/webhooks_deps.hpp"
#include "api/webhooks/webhook_delivery_recorder.hpp"
#include "api/webhooks/webhook_provider.hpp"
#include "engine/engine.hpp"
#include "store/webhook_delivery_repository.hpp"

namespace rivetr::api {

class WebhookHandler {
public:
    WebhookHandler(WebhooksDeps& ctx, engine::Engine& engine)
        : ctx_(ctx), engine_(engine), deliveries_(ctx.store), history_(ctx.store, engine.events()) {}

    // Every event is verified before anything in it is acted on. A request that is no delivery of
    // the provider at all (no event header, a form body) → 400 naming what to fix. Then, for every
    // event: a signature that verifies for no app of the payload's repository and a repository no
    // app deploys get the same 401 (nothing enqueued). Verified: a body that is not JSON → 400;
    // ping → 200; other events → 202 with the reason; another branch, a deleted branch or a skip
    // marker → 202 with the reason; a delivery id already deployed for every app → 200 "duplicate";
    // a push to an app's branch → 202 with the deployment of exactly the pushed commit for each
    // signed app. What the delivery did for each app it reached goes into that app's history.
    Reply handle(const WebhookProvider& provider, const WebhookRequest& req, const RequestContext& rc);

    // What one delivery did for one app it reached; `result` stays "" until decided.
    struct Outcome {
        store::AppRecord app;
        std::string result;  // deployed | ignored | pong | rejected | failed
        std::string reason;
        std::string deploymentId;
    };

private:
    // The apps of `candidates` whose own secret signed the request (every one when the global secret
    // did); nullopt when nothing verifies the request.
    std::optional<std::vector<store::AppRecord>> signedApps(const WebhookProvider& provider, const WebhookRequest& req,
                                                            std::vector<store::AppRecord> candidates);
    // Apps whose git_url names one of `urls`.
    std::vector<store::AppRecord> appsFor(const std::vector<std::string>& urls);
    Reply respond(const WebhookProvider& provider, const WebhookEvent& event, const nlohmann::json& body,
                  std::vector<Outcome>& outcomes, PushEvent& push, const RequestContext& rc);
    Reply handlePush(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                     std::vector<Outcome>& outcomes, const RequestContext& rc);
    // Claims (delivery id, app) for the apps still undecided; the ones already claimed are duplicates.
    void claimNew(const WebhookProvider& provider, const WebhookEvent& event, std::vector<Outcome>& outcomes);
    Reply deploy(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                 std::vector<Outcome>& outcomes, const RequestContext& rc);
    void audit(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
               const store::AppRecord& app, const std::string& deploymentId, const RequestContext& rc);
    void recordAll(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                   const std::vector<Outcome>& outcomes, int status);
    void recordRejected(const WebhookProvider& provider, const WebhookEvent& event,
                        const std::vector<store::AppRecord>& claimedFor);

    WebhooksDeps& ctx_;
    engine::Engine& engine_;
    store::WebhookDeliveryRepository deliveries_;
    WebhookDeliveryRecorder history_;
};

}  // namespace rivetr::api
