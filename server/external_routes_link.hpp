// Puts the stored external routes into the proxy at start, and every later API change too.
#pragma once

#include "api/api_context.hpp"
#include "proxy/proxy.hpp"

namespace rivetr::server {

// Applies every route of the store's external_routes table, then points the API's sink at the
// proxy. One conversion (record → proxy route) serves both, so start-up and changes agree.
void linkExternalRoutes(api::ApiContext& ctx, proxy::Proxy& proxy);

}  // namespace rivetr::server
