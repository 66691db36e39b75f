// The /api/apps routes: list, create, read, update, delete.
#pragma once

#include <vector>

#include "api/apps/apps_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> appRoutes(AppsDeps& ctx);

// The app named by the ":id" parameter (an id or a name); NotFoundError otherwise.
store::AppRecord requireApp(store::AppRepository& apps, const Pistache::Rest::Request& req);

}  // namespace rivetr::api
