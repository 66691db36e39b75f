// POST /api/apps/detect: what Rivetr would build from a repository, before the app is created.
#pragma once

#include <vector>

#include "api/apps/apps_deps.hpp"
#include "api/http/route.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

std::vector<Route> detectRoutes(AppsDeps& ctx, engine::Engine& engine);

}  // namespace rivetr::api
