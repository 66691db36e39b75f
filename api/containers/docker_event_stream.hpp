// GET /api/docker/events: a host engine's own event stream (start, die, oom, health_status ...) as SSE `docker` events.
#pragma once

#include <memory>
#include <string>

#include "api/http/sse_hub.hpp"
#include "containers/container_manager.hpp"

namespace rivetr::api {

// `keepAlive` owns `manager` and is held while the stream's thread runs. An engine that drops the
// stream ends it with an `end` event carrying the reason; a client that leaves cancels it.
std::shared_ptr<StreamProducer> dockerEventStream(std::shared_ptr<const void> keepAlive,
                                                  containers::ContainerManager& manager, std::string host);

}  // namespace rivetr::api
