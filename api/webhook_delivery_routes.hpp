// An app's webhook deliveries: GET /api/apps/{id}/webhooks/deliveries (history) and POST …/webhooks/test (a signed ping).
#pragma once

#include <vector>

#include "api/api_context.hpp"

namespace rivetr::api {

std::vector<Route> webhookDeliveryRoutes(ApiContext& ctx);

}  // namespace rivetr::api
