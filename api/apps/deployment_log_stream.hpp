// The live log of one deployment as SSE: stored lines after a given id, then new ones, status changes, end.
#pragma once

#include <string>

#include "api/http/sse_hub.hpp"
#include "engine/deployment_events.hpp"
#include "store/deployment_repository.hpp"

namespace rivetr::api {

// The store is the one source of log lines (the bus only wakes the stream): every line has its
// stored id, so replay and live share one sequence and a reconnect with Last-Event-ID neither
// loses nor repeats a line.
class DeploymentLogStream : public StreamProducer {
public:
    DeploymentLogStream(store::DeploymentRepository& repo, engine::DeploymentEvents& events, std::string deploymentId,
                        std::int64_t afterId);
    void begin(Wake wake) override;
    bool pump(SseStream& out) override;
    void end() override { subscription_.reset(); }

private:
    bool sendNewLines(SseStream& out);

    store::DeploymentRepository& repo_;
    engine::DeploymentEvents& events_;
    std::string deploymentId_;
    std::int64_t lastId_;
    std::string lastStatus_;
    engine::DeploymentEvents::Subscription subscription_;
};

}  // namespace rivetr::api
