// An app's webhook deliveries: GET /api/apps/{id}/webhooks/deliveries (history) and POST …/webhooks/test (a signed ping).
#include "api/webhooks/webhook_delivery_routes.hpp"

#include <atomic>
#include <memory>

#include "api/apps/app_routes.hpp"
#include "api/webhooks/webhook_test_delivery.hpp"
#include "core/clock.hpp"
#include "store/webhook_delivery_log.hpp"

namespace rivetr::api {
namespace {

using store::Role;

nlohmann::json orNull(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

nlohmann::json deliveryToJson(const store::WebhookDeliveryEntry& e) {
    return {{"id", e.id},
            {"provider", e.provider},
            {"event", e.event},
            {"delivery_id", e.deliveryId},
            {"ref", orNull(e.ref)},
            {"commit_sha", orNull(e.commitSha)},
            {"result", e.result},
            {"reason", e.reason},
            {"deployment_id", orNull(e.deploymentId)},
            {"http_status", e.httpStatus},
            {"received_at", formatRfc3339(e.receivedAt)}};
}

Reply listDeliveries(WebhooksDeps& ctx, const Pistache::Rest::Request& req) {
    auto app = requireApp(ctx.apps, req);
    auto list = nlohmann::json::array();
    for (const auto& e : store::WebhookDeliveryLog(ctx.store).forApp(app.id)) list.push_back(deliveryToJson(e));
    return Reply::json(200, {{"deliveries", list}});
}

// A test holds a worker thread for up to 10 s while its ping comes back through another one: two at
// a time at most, so tests can never take every worker (and with them the ping's own answer).
constexpr int kMaxTestsAtOnce = 2;

Reply testDelivery(WebhooksDeps& ctx, std::atomic<int>& running, const Pistache::Rest::Request& req,
                   const RequestContext& rc) {
    auto app = requireApp(ctx.apps, req);
    std::shared_ptr<void> slot(nullptr, [&running](void*) { running.fetch_sub(1); });
    if (running.fetch_add(1) >= kMaxTestsAtOnce) {
        return Reply::error(429, "busy", "other test deliveries are under way; try again in a few seconds");
    }
    auto result = testDeliveryToJson(sendTestDelivery(app, ctx.address));
    ctx.trail.record(rc, "webhook.test", "app", app.id,
               {{"delivery_id", result["delivery_id"]}, {"url", result["url"]}, {"status", result["status"]}, {"ok", result["ok"]}});
    return Reply::json(200, result);
}

}  // namespace

std::vector<Route> webhookDeliveryRoutes(WebhooksDeps& ctx) {
    auto running = std::make_shared<std::atomic<int>>(0);
    return {
        {Method::Get, "/api/apps/:id/webhooks/deliveries", Role::viewer,
         {"The app's last webhook deliveries, newest first: each with what it did (deployed, ignored and why, pong, "
          "rejected) and the status answered. The newest 50 are kept, and apart from them the newest 10 rejected "
          "(unverified) requests that named the app's repository. A new row is announced on /api/events as a "
          "`webhook_delivery` event {app_id, result, deployment_id}",
          "webhooks", "", 200, "WebhookDeliveryList"},
         [&ctx](const auto& req, auto&) { return listDeliveries(ctx, req); }},
        {Method::Post, "/api/apps/:id/webhooks/test", Role::developer,
         {"Send a GitHub ping signed with the app's secret to [server] public_url's webhook URL (the API's own address "
          "when unset) and report what came back, with an explanation; the ping appears in the deliveries when it "
          "arrives. 429 while two tests are under way",
          "webhooks", "", 200, "WebhookTestResult"},
         [&ctx, running](const auto& req, auto& rc) { return testDelivery(ctx, *running, req, rc); }},
    };
}

}  // namespace rivetr::api
