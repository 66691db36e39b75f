// GET /api/apps/{id}/logs/stream: the live container's output followed as SSE `log` events.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "api/apps/container_log_lines.hpp"
#include "api/http/sse_hub.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::api {

// The runtime's follow call blocks, so it runs on its own thread and hands lines over; the hub's
// thread writes them. The thread is detached on end(): the cancel token ends it within a second,
// and it only touches state it shares. Every line carries an id (ContainerLogCursor): a client that
// reconnects with the last one gets the lines after it, not the last `tail` lines again.
class ContainerLogStream : public StreamProducer {
public:
    // From the last `tail` lines, or (when `after` is set) from the line after that one.
    ContainerLogStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::string containerId, int tail,
                       std::optional<ContainerLogCursor> after = std::nullopt);
    ~ContainerLogStream() override;
    void begin(Wake wake) override;
    bool pump(SseStream& out) override;
    void end() override;

private:
    struct Shared;
    std::shared_ptr<runtime::ContainerRuntime> rt_;
    std::string containerId_;
    int tail_;
    std::optional<ContainerLogCursor> after_;
    ContainerLogSequence sequence_;
    std::shared_ptr<Shared> shared_;
};

}  // namespace rivetr::api
