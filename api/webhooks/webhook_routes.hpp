// The public webhook routes, POST /webhooks/{github,gitlab,gitea,bitbucket}: verified by signature, never by token.
#pragma once

#include <vector>

#include "api/webhooks/webhooks_deps.hpp"
#include "api/http/route.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

std::vector<Route> webhookRoutes(WebhooksDeps& ctx, engine::Engine& engine);

}  // namespace rivetr::api
