// GET /api/docker/events: a host engine's own event stream (start, die, oom, health_status ...) as SSE `docker` events.
#pragma once

#include <memory>
#include <string>

#include "api/http/sse_hub.hpp"
#include "containers/container_manager.hpp"

namespace rivetr::api {

// The engine's events call blocks, so it runs on its own thread and hands events over; the hub's
// thread writes them. The thread is detached on end(): the cancel token ends it within a second.
// An engine that drops the stream ends it with an `end` event carrying the reason.
class DockerEventStream : public StreamProducer {
public:
    DockerEventStream(std::shared_ptr<const void> keepAlive, containers::ContainerManager& manager, std::string host);
    ~DockerEventStream() override;
    void begin(Wake wake) override;
    bool pump(SseStream& out) override;
    void end() override;

private:
    struct Shared;
    std::shared_ptr<const void> keepAlive_;  // what owns `manager`, held while the thread runs
    containers::ContainerManager& manager_;
    std::string host_;
    std::shared_ptr<Shared> shared_;
};

}  // namespace rivetr::api
