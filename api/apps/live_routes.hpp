// The live-data routes in one group: SSE streams, the live container, system figures and /metrics.
#pragma once

#include <vector>

#include "api/apps/apps_deps.hpp"
#include "api/http/route.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

// `engine` null: the deployment streams are left out (tests of the API alone).
std::vector<Route> liveRoutes(AppsDeps& ctx, engine::Engine* engine);

}  // namespace rivetr::api
