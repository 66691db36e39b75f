// /api/hosts: the container engines this server manages (the local one and remote Docker hosts), listed by anyone, managed by admins.
#pragma once

#include <memory>
#include <vector>

#include "api/hosts/hosts_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> hostRoutes(std::shared_ptr<const HostsDeps> deps);

}  // namespace rivetr::api
