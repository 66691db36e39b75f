// The stack template routes: the gallery shipped in the binary, and one-click deploy of a template as a new stack.
#pragma once

#include <memory>
#include <vector>

#include "api/http/route.hpp"
#include "api/stacks/stacks_deps.hpp"

namespace rivetr::api {

std::vector<Route> templateRoutes(std::shared_ptr<StacksDeps> deps);

}  // namespace rivetr::api
