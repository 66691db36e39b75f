// Every control-API route in one table: the single place that says which role each route needs.
#pragma once

#include <vector>

#include "api/api_context.hpp"
#include "api/health_route.hpp"

namespace rivetr::api {

std::vector<Route> controlRoutes(ApiContext& ctx, HealthProbes probes);

}  // namespace rivetr::api
