// Admin-only routes: named API tokens (created, listed, revoked) and the audit log.
#pragma once

#include <vector>

#include "api/api_context.hpp"

namespace rivetr::api {

std::vector<Route> adminRoutes(ApiContext& ctx);

}  // namespace rivetr::api
