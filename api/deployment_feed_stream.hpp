// GET /api/events: every status change of any deployment or app action, as SSE, so dashboards need not poll.
#pragma once

#include <deque>
#include <mutex>
#include <string>

#include "api/sse_hub.hpp"
#include "engine/deployment_events.hpp"
#include "store/deployment_repository.hpp"

namespace rivetr::api {

class DeploymentFeedStream : public StreamProducer {
public:
    DeploymentFeedStream(store::DeploymentRepository& repo, engine::DeploymentEvents& events)
        : repo_(repo), events_(events) {}
    void begin(Wake wake) override;
    bool pump(SseStream& out) override;
    void end() override { subscription_.reset(); }

private:
    store::DeploymentRepository& repo_;
    engine::DeploymentEvents& events_;
    engine::DeploymentEvents::Subscription subscription_;
    // Filled on engine threads (which must not wait for the store), drained by pump().
    std::shared_ptr<std::mutex> mutex_ = std::make_shared<std::mutex>();
    std::shared_ptr<std::deque<engine::DeploymentEvent>> changed_ =
        std::make_shared<std::deque<engine::DeploymentEvent>>();
};

}  // namespace rivetr::api
