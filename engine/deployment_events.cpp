// The engine's internal bus: job status changes (deployments, app actions) and log lines, for SSE streams and notifications.
#include "engine/deployment_events.hpp"

#include <vector>

namespace rivetr::engine {

DeploymentEvents::Subscription DeploymentEvents::subscribe(const std::string& deploymentId, Handler handler) {
    std::uint64_t id;
    {
        std::lock_guard lock(mutex_);
        id = next_++;
        entries_[id] = {deploymentId, std::move(handler)};
    }
    return std::shared_ptr<void>(nullptr, [this, id](void*) {
        std::lock_guard lock(mutex_);
        entries_.erase(id);
    });
}

void DeploymentEvents::publish(const DeploymentEvent& event) {
    std::vector<Handler> targets;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, e] : entries_) {
            if (e.deploymentId.empty() || e.deploymentId == event.deploymentId) targets.push_back(e.handler);
        }
    }
    // Called outside the lock so a handler may subscribe or unsubscribe.
    for (const auto& h : targets) h(event);
}

}  // namespace rivetr::engine
