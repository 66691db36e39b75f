// GET /api/stacks/{name}/logs: every service's output followed at once, merged into one SSE stream, each line naming its service.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/http/sse_hub.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::api {

struct StackLogSource {
    std::string service, container, containerId;
};

// One follow per container, each on its own thread; `log` events {service, container, ts, stream, line}
// in arrival order (each service's lines in their own order), after each container's last `tail` lines.
// `end` when every container stopped; a client that leaves cancels every follow.
std::shared_ptr<StreamProducer> stackLogStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::vector<StackLogSource> sources, int tail);

}  // namespace rivetr::api
