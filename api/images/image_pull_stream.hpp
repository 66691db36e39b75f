// POST /api/images/pull: a pull's progress as SSE `progress` events, ending with `done` (the image) or `error`.
#pragma once

#include <memory>
#include <string>

#include "api/http/sse_hub.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::api {

// The pull belongs to its stream: when the client goes (or the server stops), the pull is
// cancelled, as an interrupted `docker pull` is, and its thread ends within about a second.
std::shared_ptr<StreamProducer> imagePullStream(std::shared_ptr<runtime::ContainerRuntime> rt, std::string host,
                                                runtime::PullRequest request);

}  // namespace rivetr::api
