// Deployment routes: deploy an app, list and read deployments, their logs, cancel and roll back.
#pragma once

#include <vector>

#include "api/api_context.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

std::vector<Route> deploymentRoutes(ApiContext& ctx, engine::Engine& engine);

nlohmann::json deploymentToJson(const store::DeploymentRecord& d);

}  // namespace rivetr::api
