// The Docker manager's image routes: list, pull (SSE), remove, prune (dry run first), history, disk usage.
#pragma once

#include <memory>
#include <vector>

#include "api/http/route.hpp"
#include "api/images/images_deps.hpp"

namespace rivetr::api {

std::vector<Route> imageRoutes(std::shared_ptr<ImagesDeps> deps);

}  // namespace rivetr::api
