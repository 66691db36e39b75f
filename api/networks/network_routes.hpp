// The Docker manager's network routes: list, create, inspect, remove, connect, disconnect, prune (dry run first).
#pragma once

#include <memory>
#include <vector>

#include "api/http/route.hpp"
#include "api/networks/networks_deps.hpp"

namespace rivetr::api {

std::vector<Route> networkRoutes(std::shared_ptr<NetworksDeps> deps);

}  // namespace rivetr::api
