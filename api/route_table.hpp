// The control API's routes gathered from every feature folder into the one list the server registers (and documents).
#pragma once

#include <vector>

#include "api/api_context.hpp"
#include "api/system/health_route.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

// `engine` null: the deployment routes are left out (tests of the API alone).
std::vector<Route> controlRoutes(ApiContext& ctx, HealthProbes probes, engine::Engine* engine = nullptr);

}  // namespace rivetr::api
