// Admin-only routes: named API tokens (created, listed, revoked) and the audit log.
#pragma once

#include <vector>

#include "api/auth/auth_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> adminRoutes(AuthDeps& ctx);

}  // namespace rivetr::api
