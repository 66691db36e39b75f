// GET /api/docker/events: a host engine's own event stream relayed as SSE `docker` events.
#include "api/containers/docker_event_stream.hpp"

#include <deque>
#include <mutex>
#include <thread>

#include "containers/container_error.hpp"

namespace rivetr::api {

struct DockerEventStream::Shared {
    std::mutex mutex;
    std::deque<nlohmann::json> events;
    bool finished = false;
    std::string reason;
    runtime::CancelToken cancel;
};

DockerEventStream::DockerEventStream(std::shared_ptr<const void> keepAlive, containers::ContainerManager& manager,
                                     std::string host)
    : keepAlive_(std::move(keepAlive)), manager_(manager), host_(std::move(host)), shared_(std::make_shared<Shared>()) {}

DockerEventStream::~DockerEventStream() { shared_->cancel.cancel(); }

void DockerEventStream::begin(Wake wake) {
    std::thread([keep = keepAlive_, &manager = manager_, host = host_, shared = shared_, wake] {
        std::string reason = "the engine ended the stream";
        try {
            manager.events(host, [&](const runtime::Event& e) {
                {
                    std::lock_guard lock(shared->mutex);
                    shared->events.push_back({{"type", e.type}, {"action", e.action}, {"id", e.id},
                                              {"attributes", e.attributes}, {"time_nano", e.timeNano}});
                }
                wake();
            }, shared->cancel);
        } catch (const containers::ContainerError& e) {
            reason = e.what();
        }
        {
            std::lock_guard lock(shared->mutex);
            shared->finished = true;
            shared->reason = reason;
        }
        wake();
    }).detach();
}

bool DockerEventStream::pump(SseStream& out) {
    std::deque<nlohmann::json> events;
    bool finished;
    std::string reason;
    {
        std::lock_guard lock(shared_->mutex);
        events.swap(shared_->events);
        finished = shared_->finished;
        reason = shared_->reason;
    }
    for (const auto& e : events)
        if (!out.event("docker", std::nullopt, e.dump())) return false;
    if (finished) {
        out.event("end", std::nullopt, nlohmann::json{{"reason", reason}}.dump());
        return false;
    }
    return true;
}

void DockerEventStream::end() { shared_->cancel.cancel(); }

}  // namespace rivetr::api
