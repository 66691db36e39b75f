// The signed-in user's own account: changing their password, and their second factor's recovery
// codes (how many are left, a fresh set).
#pragma once

#include <vector>

#include "api/auth/auth_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> accountRoutes(AuthDeps& ctx);

}  // namespace rivetr::api
