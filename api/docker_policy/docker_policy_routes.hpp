// /api/docker/policy: the Docker manager's create policy (bind roots non-admins may mount), read and set by an admin.
#pragma once

#include <memory>
#include <vector>

#include "api/docker_policy/docker_policy_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> dockerPolicyRoutes(std::shared_ptr<const DockerPolicyDeps> deps);

}  // namespace rivetr::api
