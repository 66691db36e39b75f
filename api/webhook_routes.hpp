// The public webhook routes, POST /webhooks/{github,gitlab,gitea,bitbucket}: verified by signature, never by token.
#pragma once

#include <vector>

#include "api/api_context.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

std::vector<Route> webhookRoutes(ApiContext& ctx, engine::Engine& engine);

}  // namespace rivetr::api
