// An app's webhook deliveries: GET /api/apps/{id}/webhooks/deliveries (history) and POST …/webhooks/test (a signed ping).
#include "api/webhook_delivery_routes.hpp"

#include <atomic>
#include <memory>

#include "api/app_routes.hpp"
#include "api/webhook_test_delivery.hpp"
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

Reply listDeliveries(ApiContext& ctx, const Pistache::Rest::Request& req) {
    auto app = requireApp(ctx, req);
    auto list = nlohmann::json::array();
    for (const auto& e : store::WebhookDeliveryLog(ctx.store).forApp(app.id)) list.push_back(deliveryToJson(e));
    return Reply::json(200, {{"deliveries", list}});
}

// A test holds a worker thread for up to 10 s while its ping comes back through another one: two at
// a time at most, so tests can never take every worker (and with them the ping's own answer).
constexpr int kMaxTestsAtOnce = 2;

Reply testDelivery(ApiContext& ctx, std::atomic<int>& running, const Pistache::Rest::Request& req,
                   const RequestContext& rc) {
    auto app = requireApp(ctx, req);
    std::shared_ptr<void> slot(nullptr, [&running](void*) { running.fetch_sub(1); });
    if (running.fetch_add(1) >= kMaxTestsAtOnce) {
        return Reply::error(429, "busy", "other test deliveries are under way; try again in a few seconds");
    }
    auto result = testDeliveryToJson(sendTestDelivery(app, ctx.live.address));
    ctx.record(rc, "webhook.test", "app", app.id,
               {{"delivery_id", result["delivery_id"]}, {"url", result["url"]}, {"status", result["status"]}, {"ok", result["ok"]}});
    return Reply::json(200, result);
}

}  // namespace

std::vector<Route> webhookDeliveryRoutes(ApiContext& ctx) {
    auto running = std::make_shared<std::atomic<int>>(0);
    return {
        {Method::Get, "/api/apps/:id/webhooks/deliveries", Role::viewer,
         [&ctx](const auto& req, auto&) { return listDeliveries(ctx, req); }},
        {Method::Post, "/api/apps/:id/webhooks/test", Role::developer,
         [&ctx, running](const auto& req, auto& rc) { return testDelivery(ctx, *running, req, rc); }},
    };
}

}  // namespace rivetr::api
