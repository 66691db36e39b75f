// The /api/apps routes: list, create, read, update, delete.
#pragma once

#include <vector>

#include "api/api_context.hpp"

namespace rivetr::api {

std::vector<Route> appRoutes(ApiContext& ctx);

// The app named by the ":id" parameter (an id or a name); NotFoundError otherwise.
store::AppRecord requireApp(ApiContext& ctx, const Pistache::Rest::Request& req);

}  // namespace rivetr::api
