// Admin-only routes for external routes: a domain the proxy forwards to a service Rivetr does not run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/apps/apps_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

// "host:port" → host and port; nullopt unless the host is a name, IPv4 or [IPv6] and 1 ≤ port ≤ 65535.
struct Upstream {
    std::string host;
    int port = 0;
};
std::optional<Upstream> parseUpstream(const std::string& text);

std::vector<Route> externalRouteRoutes(AppsDeps& ctx);

}  // namespace rivetr::api
