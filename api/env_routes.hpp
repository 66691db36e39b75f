// The /api/apps/{id}/env routes: read with secrets masked, bulk replace, delete one variable.
#pragma once

#include <vector>

#include "api/api_context.hpp"

namespace rivetr::api {

std::vector<Route> envRoutes(ApiContext& ctx);

}  // namespace rivetr::api
