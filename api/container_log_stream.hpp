// GET /api/apps/{id}/logs/stream: the live container's output followed as SSE `log` events.
#pragma once

#include <memory>
#include <string>

#include "api/sse_hub.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::api {

// The runtime's follow call blocks, so it runs on its own thread and hands lines over; the hub's
// thread writes them. The thread is detached on end(): the cancel token ends it within a second,
// and it only touches state it shares.
class ContainerLogStream : public StreamProducer {
public:
    ContainerLogStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::string containerId, int tail);
    ~ContainerLogStream() override;
    void begin(Wake wake) override;
    bool pump(SseStream& out) override;
    void end() override;

private:
    struct Shared;
    std::shared_ptr<runtime::ContainerRuntime> rt_;
    std::string containerId_;
    int tail_;
    std::shared_ptr<Shared> shared_;
};

}  // namespace rivetr::api
