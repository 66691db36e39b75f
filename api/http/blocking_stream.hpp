// One SSE producer for every stream fed by a blocking call (a log follow, an image pull, an engine's events).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/http/sse_hub.hpp"

namespace rivetr::api {

// The call blocks, so it runs on its own thread and posts events; the hub's thread writes them.
// The thread is detached: it owns only what its job captured and the shared queue, so it may
// outlive the producer. end() (or destruction) calls `stop`, which must make the job return soon
// (a cancel token the job's call checks). When the job returns, the stream ends after the events
// it posted; a job posts its own closing event (`end`, `done`, `error`) before returning.
class BlockingStream final : public StreamProducer {
public:
    class Sink {
    public:
        virtual ~Sink() = default;
        // `id` is the event's id ("" for none).
        virtual void post(std::string name, std::string id, std::string data) = 0;
    };
    using Job = std::function<void(Sink& sink)>;

    BlockingStream(Job job, std::function<void()> stop);
    ~BlockingStream() override;
    void begin(Wake wake) override;
    bool pump(SseStream& out) override;
    void end() override;

private:
    struct Shared;
    Job job_;
    std::function<void()> stop_;
    std::shared_ptr<Shared> shared_;
};

}  // namespace rivetr::api
