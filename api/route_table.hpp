// Every control-API route in one table: the single place that says which role each route needs.
#pragma once

#include <vector>

#include "api/api_context.hpp"
#include "api/health_route.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

// `engine` null: the deployment routes are left out (tests of the API alone).
std::vector<Route> controlRoutes(ApiContext& ctx, HealthProbes probes, engine::Engine* engine = nullptr);

}  // namespace rivetr::api
