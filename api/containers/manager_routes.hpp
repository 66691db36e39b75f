// The Docker manager's container routes (/api/containers..., /api/docker/events): declared once with role, doc and handler.
#pragma once

#include <memory>
#include <vector>

#include "api/containers/containers_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

// Viewers read; developers act within the create policy; admins beyond it (the policy decides).
std::vector<Route> containerManagerRoutes(std::shared_ptr<ContainersDeps> deps);

}  // namespace rivetr::api
