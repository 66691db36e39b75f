// Writes what a webhook delivery did into each reached app's history and announces it on the event bus.
#include "api/webhooks/webhook_delivery_recorder.hpp"

#include "core/log.hpp"

namespace rivetr::api {
namespace {

// What the sender chose (event name, delivery id, ref, a branch in a reason) is shown in the dashboard:
// bounded, so one request cannot store a megabyte per row.
constexpr std::size_t kMaxText = 200;

void clip(std::string& s) {
    if (s.size() > kMaxText) s = s.substr(0, kMaxText) + "…";
}

void clip(std::optional<std::string>& s) {
    if (s) clip(*s);
}

}  // namespace

void WebhookDeliveryRecorder::write(store::WebhookDeliveryEntry& e) {
    clip(e.event);
    clip(e.deliveryId);
    clip(e.ref);
    clip(e.commitSha);
    clip(e.reason);
    if (log_.record(e) == 0) return;  // the app was deleted meanwhile
    engine::DeploymentEvent ev;
    ev.kind = engine::DeploymentEvent::Kind::WebhookDelivery;
    ev.appId = e.appId;
    ev.status = e.result;
    ev.deploymentId = e.deploymentId.value_or("");
    events_.publish(ev);
}

void WebhookDeliveryRecorder::record(store::WebhookDeliveryEntry e) {
    try {
        write(e);
    } catch (const std::exception& ex) {
        // The history is for reading; a failure to write it never changes what the delivery did.
        log::warn("webhook.history_not_written", {{"app", e.appId}, {"error", ex.what()}});
    }
}

void WebhookDeliveryRecorder::recordLater(store::WebhookDeliveryEntry e) {
    bool queued = later_.tryPost([this, e]() mutable { record(std::move(e)); }, kMaxQueued);
    if (!queued && dropped_.fetch_add(1) % 1000 == 0) {
        log::warn("webhook.history_dropped", {{"reason", "too many unverified requests waiting to be recorded"},
                                              {"dropped", std::to_string(dropped_.load())}});
    }
}

}  // namespace rivetr::api
