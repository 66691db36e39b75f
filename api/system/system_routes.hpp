// GET /api/system (host, runtime and instance figures for the dashboard) and GET /metrics (Prometheus).
#pragma once

#include <vector>

#include "api/system/system_deps.hpp"
#include "api/http/route.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

// `engine` null: queue figures read as zero.
std::vector<Route> systemRoutes(SystemDeps& ctx, engine::Engine* engine);

// The whole /metrics text: the API's own registry plus figures computed at scrape time.
std::string renderMetrics(SystemDeps& ctx, engine::Engine* engine);

}  // namespace rivetr::api
