// GET /api/events: every status change of any deployment, as SSE, so dashboards need not poll.
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
            changed->push_back(e.deploymentId);
        }
        wake();
    });
}

// Each change is announced with the deployment as stored now (the status was persisted before
// it was published, so the record is at least as new as the event).
bool DeploymentFeedStream::pump(SseStream& out) {
    std::deque<std::string> ids;
    {
        std::lock_guard lock(*mutex_);
        ids.swap(*changed_);
    }
    for (const auto& id : ids) {
        auto d = repo_.get(id);
        if (d && !out.event("deployment", std::nullopt, deploymentToJson(*d).dump())) return false;
    }
    return true;
}

}  // namespace rivetr::api
