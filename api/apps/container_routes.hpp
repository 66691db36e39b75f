// The live container of an app: its logs (tail and follow), stats, and start / stop / restart (engine jobs).
#pragma once

#include <vector>

#include "api/apps/apps_deps.hpp"
#include "api/http/route.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

// `engine` null: start / stop / restart are left out (they are engine jobs).
std::vector<Route> containerRoutes(AppsDeps& ctx, engine::Engine* engine);

}  // namespace rivetr::api
