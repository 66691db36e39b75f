// Login, logout, who-am-I and the caller's TOTP second factor (setup, enable, disable).
#pragma once

#include <vector>

#include "api/api_context.hpp"

namespace rivetr::api {

std::vector<Route> authRoutes(ApiContext& ctx);

}  // namespace rivetr::api
