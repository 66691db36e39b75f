// POST /api/apps/detect: what Rivetr would build from a repository, before the app is created.
#pragma once

#include <vector>

#include "api/api_context.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

std::vector<Route> detectRoutes(ApiContext& ctx, engine::Engine& engine);

}  // namespace rivetr::api
