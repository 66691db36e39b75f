// GET /api/events: every status change of any deployment or app action, as SSE, so dashboards need not poll.
#include "api/deployment_feed_stream.hpp"

#include "api/deployment_routes.hpp"

namespace rivetr::api {

void DeploymentFeedStream::begin(Wake wake) {
    auto mutex = mutex_;
    auto changed = changed_;
    subscription_ = events_.subscribe("", [wake, mutex, changed](const engine::DeploymentEvent& e) {
        if (e.kind != engine::DeploymentEvent::Kind::Status) return;
        {
            std::lock_guard lock(*mutex);
            changed->push_back(e);
        }
        wake();
    });
}

// A deployment's change is announced with the deployment as stored now (the status was persisted
// before it was published, so the record is at least as new as the event). An app action (start,
// stop, restart) has no record: its event is the announcement.
bool DeploymentFeedStream::pump(SseStream& out) {
    std::deque<engine::DeploymentEvent> events;
    {
        std::lock_guard lock(*mutex_);
        events.swap(*changed_);
    }
    for (const auto& e : events) {
        if (!e.action.empty()) {
            nlohmann::json j{{"id", e.deploymentId}, {"app_id", e.appId}, {"action", e.action}, {"status", e.status}};
            if (!e.error.empty()) j["error"] = e.error;
            if (!out.event("action", std::nullopt, j.dump())) return false;
            continue;
        }
        auto d = repo_.get(e.deploymentId);
        if (d && !out.event("deployment", std::nullopt, deploymentToJson(*d).dump())) return false;
    }
    return true;
}

}  // namespace rivetr::api
