// Admin-only user management: list, create, change role/password/disabled, delete (last admin kept).
#pragma once

#include <vector>

#include "api/auth/auth_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> userRoutes(AuthDeps& ctx);

// Shared with login: the rules a user name and a password must meet (ValidationError otherwise).
void validateUsername(const std::string& username);
// A new password: 8 to 256 characters; the error names `field`.
void validatePassword(const std::string& password, const std::string& field = "password");

}  // namespace rivetr::api
