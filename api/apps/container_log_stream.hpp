// GET /api/apps/{id}/logs/stream (and /api/containers/{id}/logs/stream): a container's output followed as SSE `log` events.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "api/apps/container_log_lines.hpp"
#include "api/http/sse_hub.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::api {

// From the last `tail` lines, or (when `after` is set) from the line after that one. Every line
// carries an id (ContainerLogCursor): a client that reconnects with the last one gets the lines
// after it, not the last `tail` lines again. The stream ends with `end` when the container stops;
// a client that leaves cancels the follow.
std::shared_ptr<StreamProducer> containerLogStream(std::shared_ptr<runtime::ContainerRuntime> rt,
                                                   std::string containerId, int tail,
                                                   std::optional<ContainerLogCursor> after = std::nullopt);

}  // namespace rivetr::api
