// The signed-in user's own account: changing their password, and their second factor's recovery
// codes (how many are left, a fresh set).
#pragma once

#include <vector>

#include "api/api_context.hpp"

namespace rivetr::api {

std::vector<Route> accountRoutes(ApiContext& ctx);

}  // namespace rivetr::api
