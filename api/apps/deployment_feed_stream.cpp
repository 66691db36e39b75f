// GET /api/events: every status change of any deployment or app action, and every webhook delivery recorded, as SSE, so dashboards need not poll.
#include "api/apps/deployment_feed_stream.hpp"

#include "api/apps/deployment_routes.hpp"

namespace rivetr::api {

bool DeploymentFeedStream::pump(SseStream& out) {
    auto missed = journal_->after(lastId_);
    if (!missed) {
        lastId_ = journal_->latest();
        return out.event("resync", std::nullopt, "{}");
    }
    for (const auto& e : *missed) {
        if (!announce(out, e)) return false;
        lastId_ = e.id;
    }
    return true;
}

// A deployment's change is announced with the deployment as stored now (the status was persisted
// before it was published, so the record is at least as new as the event). An app action (start,
// stop, restart) has no record: its event is the announcement.
bool DeploymentFeedStream::announce(SseStream& out, const FeedJournal::Entry& entry) {
    const auto& e = entry.event;
    if (e.kind == engine::DeploymentEvent::Kind::WebhookDelivery) {
        // Says which app's delivery history grew; the dashboard reloads that list.
        nlohmann::json j{{"app_id", e.appId}, {"result", e.status}};
        j["deployment_id"] = e.deploymentId.empty() ? nlohmann::json() : nlohmann::json(e.deploymentId);
        return out.event("webhook_delivery", entry.id, j.dump());
    }
    if (!e.action.empty()) {
        nlohmann::json j{{"id", e.deploymentId}, {"app_id", e.appId}, {"action", e.action}, {"status", e.status}};
        if (!e.error.empty()) j["error"] = e.error;
        return out.event("action", entry.id, j.dump());
    }
    auto d = repo_.get(e.deploymentId);
    return !d || out.event("deployment", entry.id, deploymentToJson(*d).dump());
}

}  // namespace rivetr::api
