// The /api/apps/{id}/env routes: read with secrets masked, bulk replace (and redeploy), delete one variable.
#pragma once

#include <vector>

#include "api/apps/apps_deps.hpp"
#include "api/http/route.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

// Without an engine, PUT ?redeploy=true is a 503 (the variables are not stored).
std::vector<Route> envRoutes(AppsDeps& ctx, engine::Engine* engine);

// The app's variables differ from those its live deployment started with: a restart would not
// apply them, a redeploy would (the app JSON's env_pending).
bool envPending(AppsDeps& ctx, const store::AppRecord& app);

}  // namespace rivetr::api
