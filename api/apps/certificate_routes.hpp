// The certificate state of an app's domains, as the data plane holds it (the dashboard shows it per domain).
#pragma once

#include <vector>

#include "api/apps/apps_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> certificateRoutes(AppsDeps& ctx);

}  // namespace rivetr::api
