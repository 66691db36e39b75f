// The certificate state of an app's domains, as the data plane holds it (the dashboard shows it per domain).
#pragma once

#include <vector>

#include "api/api_context.hpp"

namespace rivetr::api {

std::vector<Route> certificateRoutes(ApiContext& ctx);

}  // namespace rivetr::api
