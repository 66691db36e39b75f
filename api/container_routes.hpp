// The live container of an app: its logs (tail and follow), stats, and start / stop / restart.
#pragma once

#include <vector>

#include "api/api_context.hpp"

namespace rivetr::api {

std::vector<Route> containerRoutes(ApiContext& ctx);

}  // namespace rivetr::api
