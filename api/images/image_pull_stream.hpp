// POST /api/images/pull: a pull's progress as SSE `progress` events, ending with `done` (the image) or `error`.
#pragma once

#include <memory>
#include <string>

#include "api/http/sse_hub.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::api {

// The runtime's pull blocks, so it runs on its own thread and hands events over; the hub's thread
// writes them. The pull belongs to its stream: when the client goes (or the server stops), end()
// cancels it, as an interrupted `docker pull` does, and the thread ends within about a second.
class ImagePullStream : public StreamProducer {
public:
    ImagePullStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::string host, runtime::PullRequest request);
    ~ImagePullStream() override;
    void begin(Wake wake) override;
    bool pump(SseStream& out) override;
    void end() override;

private:
    struct Shared;
    std::shared_ptr<runtime::ContainerRuntime> rt_;
    std::string host_;
    runtime::PullRequest request_;
    std::shared_ptr<Shared> shared_;
    std::int64_t nextId_ = 1;
};

}  // namespace rivetr::api
