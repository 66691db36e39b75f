// GET /api/docker/events: a host engine's own event stream relayed as SSE `docker` events.
#include "api/containers/docker_event_stream.hpp"

#include "api/http/blocking_stream.hpp"
#include "containers/container_error.hpp"

namespace rivetr::api {

std::shared_ptr<StreamProducer> dockerEventStream(std::shared_ptr<const void> keepAlive,
                                                  containers::ContainerManager& manager, std::string host) {
    runtime::CancelToken cancel;
    auto job = [keep = std::move(keepAlive), &manager, host = std::move(host), cancel](BlockingStream::Sink& sink) {
        std::string reason = "the engine ended the stream";
        try {
            manager.events(host, [&](const runtime::Event& e) {
                nlohmann::json data{{"type", e.type}, {"action", e.action}, {"id", e.id},
                                    {"attributes", e.attributes}, {"time_nano", e.timeNano}};
                sink.post("docker", "", data.dump());
            }, cancel);
        } catch (const containers::ContainerError& e) {
            reason = e.what();
        }
        sink.post("end", "", nlohmann::json{{"reason", reason}}.dump());
    };
    return std::make_shared<BlockingStream>(std::move(job), [cancel] { cancel.cancel(); });
}

}  // namespace rivetr::api
