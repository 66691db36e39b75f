// An app's webhook deliveries: GET /api/apps/{id}/webhooks/deliveries (history) and POST …/webhooks/test (a signed ping).
#pragma once

#include <vector>

#include "api/webhooks/webhooks_deps.hpp"
#include "api/http/route.hpp"

namespace rivetr::api {

std::vector<Route> webhookDeliveryRoutes(WebhooksDeps& ctx);

}  // namespace rivetr::api
