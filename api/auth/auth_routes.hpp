// Login, logout, who-am-I and the caller's TOTP second factor (setup, enable, disable).
#pragma once

#include <vector>

#include "api/auth/auth_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> authRoutes(AuthDeps& ctx);

}  // namespace rivetr::api
