// The compose stack routes: list, create, validate, edit, deploy (and pull & redeploy), start, stop, restart, down, remove, revisions.
#pragma once

#include <memory>
#include <vector>

#include "api/http/route.hpp"
#include "api/stacks/stacks_deps.hpp"

namespace rivetr::api {

std::vector<Route> stackRoutes(std::shared_ptr<StacksDeps> deps);

}  // namespace rivetr::api
