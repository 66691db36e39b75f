// The Docker manager's volume routes: list (every host), create under the policy, inspect, remove (refused while in use), prune (dry run first).
#pragma once

#include <memory>
#include <vector>

#include "api/http/route.hpp"
#include "api/volumes/volumes_deps.hpp"

namespace rivetr::api {

std::vector<Route> volumeRoutes(std::shared_ptr<VolumesDeps> deps);

}  // namespace rivetr::api
